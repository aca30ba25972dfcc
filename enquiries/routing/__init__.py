"""Who handles an enquiry: the pure rules (`rules`), assignment under row locks
(`assignment`), what staff do with it once assigned (`handling`), and the time limits and
sweeps (`sla`).

Uses `models` and `messaging` (the notifications and follow-ups an assignment sets off).
"""
