"""gunicorn's settings for the site (read by `gunicorn` from the working directory).

The access log leaves out query strings and the Referer: admin searches put patients'
names and addresses in the query (?q=leila@example.com), and the Referer repeats the
previous page's query. Paths alone name no patient (enquiries are /admin/enquiries/<id>/).
"""

import os

# Two sockets: the proxy sends page views to the first and what people are doing (an
# enquiry, a reply, the staff's admin) to the second (docs/deploy.md). With more than one
# socket a sync worker takes one connection from each ready socket in turn, so a request on
# the second waits for the request a worker is busy with, not for the queue of page views
# behind a campaign, and neither socket can starve the other. GUNICORN_PRIORITY_BIND=""
# keeps one socket.
bind = [os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")]
if priority_bind := os.environ.get("GUNICORN_PRIORITY_BIND", "0.0.0.0:8001"):
    bind.append(priority_bind)
# One sync worker per core this process may run on. The work is CPU-bound (a page or an
# enquiry waits little on PostgreSQL and Redis), so more workers only add switching between
# them: on 2 cores, 3 workers cost each enquiry ~15 % more CPU and more than doubled the
# p99 of enquiries alone (docs/performance.md). WEB_CONCURRENCY overrides it.
workers = int(os.environ.get("WEB_CONCURRENCY") or len(os.sched_getaffinity(0)))
accesslog = "-"
# Client, time, method, path (no query), protocol, status, bytes, duration in seconds.
access_log_format = '%(h)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(L)s'
# The application (and tourism_site.warm_up) is loaded once in the master: workers fork
# warm and share its memory. Nothing opens a database or Redis connection before the fork.
preload_app = True
