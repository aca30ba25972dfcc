"""Flat demo illustrations drawn with Pillow: clearly drawings, never photos, with no text.

Each is drawn at twice its size and scaled down, which smooths the edges Pillow leaves sharp.
"""

from collections.abc import Callable

from PIL import Image, ImageDraw

RGB = tuple[int, int, int]

SKIN = (233, 196, 170)
SKIN_LINE = (190, 140, 115)
INK = (45, 52, 60)
COAT = (248, 250, 250)
PALETTES = {
    # category: (background top, background bottom, accent)
    "aesthetic": ((226, 242, 240), (196, 226, 222), (11, 110, 105)),
    "hair": ((246, 236, 222), (232, 214, 190), (150, 95, 50)),
    "dental": ((228, 238, 250), (200, 218, 242), (40, 90, 160)),
    "medical": ((236, 240, 246), (214, 222, 236), (70, 90, 130)),
    "home": ((226, 242, 240), (246, 232, 214), (11, 110, 105)),
}


def _canvas(width: int, height: int, top: RGB, bottom: RGB) -> Image.Image:
    """A vertical gradient from top to bottom."""
    picture = Image.new("RGB", (width, height), top)
    draw = ImageDraw.Draw(picture)
    for y in range(height):
        share = y / max(height - 1, 1)
        colour = tuple(round(a + (b - a) * share) for a, b in zip(top, bottom, strict=True))
        draw.line([(0, y), (width, y)], fill=colour)
    return picture


def _soft_circles(picture: Image.Image, colour: RGB, circles) -> Image.Image:
    """Translucent circles (x, y, radius, opacity) laid over the picture."""
    layer = Image.new("RGBA", picture.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    for x, y, radius, opacity in circles:
        draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=(*colour, opacity))
    return Image.alpha_composite(picture.convert("RGBA"), layer).convert("RGB")


def _finish(picture: Image.Image, size: tuple[int, int]) -> Image.Image:
    return picture.resize(size, Image.Resampling.LANCZOS)


def _face(draw: ImageDraw.ImageDraw, cx: float, cy: float, r: float, **look) -> None:
    """A calm face, front view, centred on (cx, cy) with a face height of 2.6 r."""
    hair = look.get("hair", (70, 50, 40))
    garment = look.get("garment", (11, 110, 105))
    # Shoulders and neck, then the hair behind the head.
    draw.ellipse((cx - 2.3 * r, cy + 1.5 * r, cx + 2.3 * r, cy + 4.6 * r), fill=garment)
    draw.rounded_rectangle(
        (cx - 0.45 * r, cy + 0.8 * r, cx + 0.45 * r, cy + 2.0 * r), r * 0.2, SKIN
    )
    if look.get("long_hair", True):
        draw.rounded_rectangle((cx - 1.25 * r, cy - 1.35 * r, cx + 1.25 * r, cy + 1.6 * r), r, hair)
    draw.ellipse((cx - r, cy - 1.3 * r, cx + r, cy + 1.3 * r), fill=SKIN)
    # Hair over the head, then the forehead in front of it: the forehead's top edge is the
    # hairline, higher when the hair recedes (hairline 0 is full, about 0.5 clearly receding).
    hairline = look.get("hairline", 0.0)
    hair_bottom = cy - (0.2 + 1.0 * hairline) * r
    draw.ellipse((cx - 1.05 * r, cy - 1.45 * r, cx + 1.05 * r, hair_bottom), fill=hair)
    forehead_top = cy - (0.95 + 0.8 * hairline) * r
    draw.ellipse((cx - 0.86 * r, forehead_top, cx + 0.86 * r, cy + 1.3 * r), fill=SKIN)
    width = max(2, round(r * 0.05))
    # Brows, eyes, nose.
    for side in (-1, 1):
        ex = cx + side * 0.4 * r
        draw.arc((ex - 0.22 * r, cy - 0.5 * r, ex + 0.22 * r, cy - 0.2 * r), 200, 340, INK, width)
        draw.ellipse((ex - 0.07 * r, cy - 0.15 * r, ex + 0.07 * r, cy - 0.01 * r), fill=INK)
    draw.arc(
        (cx - 0.12 * r, cy - 0.05 * r, cx + 0.12 * r, cy + 0.35 * r), 20, 160, SKIN_LINE, width
    )
    # Lines the treatments soften.
    for n in range(look.get("forehead_lines", 0)):
        y = cy - 0.75 * r + n * 0.14 * r
        draw.arc((cx - 0.5 * r, y, cx + 0.5 * r, y + 0.25 * r), 200, 340, SKIN_LINE, width)
    if look.get("crows_feet"):
        for side in (-1, 1):
            x = cx + side * 0.68 * r
            for dy in (-0.1, 0.0, 0.1):
                draw.line(
                    (x, cy - 0.08 * r, x + side * 0.16 * r, cy - 0.08 * r + dy * r),
                    SKIN_LINE,
                    width,
                )
    # Lips: thin or fuller.
    fullness = look.get("lips", 0.09)
    mouth_y = cy + 0.62 * r
    lip = (196, 110, 110)
    draw.ellipse((cx - 0.3 * r, mouth_y - fullness * r, cx + 0.3 * r, mouth_y + 0.02 * r), lip)
    draw.ellipse(
        (cx - 0.28 * r, mouth_y - 0.02 * r, cx + 0.28 * r, mouth_y + fullness * 1.3 * r), lip
    )
    draw.line((cx - 0.26 * r, mouth_y, cx + 0.26 * r, mouth_y), (150, 75, 80), width)


# The looks of the gallery's pairs: what each treatment changes, before and after.
GALLERY_LOOKS = {
    "forehead": ({"forehead_lines": 3}, {"forehead_lines": 0}),
    "crows_feet": ({"crows_feet": True}, {"crows_feet": False}),
    "lips": ({"lips": 0.06}, {"lips": 0.14}),
    "hairline": ({"hairline": 0.45, "long_hair": False}, {"hairline": 0.0, "long_hair": False}),
}


def gallery_picture(area: str, after: bool, size: int = 960) -> Image.Image:
    before_look, after_look = GALLERY_LOOKS[area]
    # Before in cool grey, after in the clinic's colours: the pair reads at a glance.
    top, bottom = PALETTES["aesthetic"][:2] if after else ((232, 236, 238), (212, 218, 222))
    scale = size * 2
    picture = _canvas(scale, scale, top, bottom)
    draw = ImageDraw.Draw(picture)
    _face(
        draw,
        scale / 2,
        scale * 0.45,
        scale * 0.22,
        garment=(150, 165, 175),
        **(after_look if after else before_look),
    )
    return _finish(picture, (size, size))


def portrait(garment: RGB, hair: RGB, long_hair: bool, size: int = 480) -> Image.Image:
    """A practitioner in a white coat over a coloured top, on a soft round background."""
    scale = size * 2
    picture = _canvas(scale, scale, (236, 244, 243), (214, 230, 228))
    picture = _soft_circles(picture, garment, [(scale / 2, scale / 2, scale * 0.42, 40)])
    draw = ImageDraw.Draw(picture)
    _face(
        draw,
        scale / 2,
        scale * 0.42,
        scale * 0.17,
        garment=COAT,
        hair=hair,
        long_hair=long_hair,
        hairline=0.1 if long_hair else 0.3,
    )
    # The top under the coat, in a V.
    cx, y = scale / 2, scale * 0.7
    draw.polygon([(cx - scale * 0.08, y), (cx + scale * 0.08, y), (cx, y + scale * 0.14)], garment)
    return _finish(picture, (size, size))


def _tooth(draw: ImageDraw.ImageDraw, cx: float, cy: float, r: float, colour: RGB) -> None:
    """A molar: a rounded crown on two rounded roots."""
    for side in (-1, 1):
        x = cx + side * r * 0.42
        draw.ellipse((x - r * 0.32, cy - r * 0.2, x + r * 0.32, cy + r * 1.35), fill=colour)
    draw.rounded_rectangle((cx - r, cy - r * 0.9, cx + r, cy + r * 0.45), r * 0.5, colour)


def _skyline(draw: ImageDraw.ImageDraw, width: float, base: float, unit: float, colour: RGB):
    """Istanbul's shore in outline: domes, slender towers and the water in front."""
    for x, dome in ((0.55, 1.0), (0.72, 1.4), (0.9, 0.8)):
        cx = width * x
        draw.pieslice(
            (cx - dome * unit, base - dome * unit, cx + dome * unit, base + dome * unit),
            180,
            360,
            colour,
        )
        draw.rectangle(
            (cx - dome * unit * 1.1, base - unit * 0.1, cx + dome * unit * 1.1, base), colour
        )
    for x in (0.62, 0.82, 0.97):
        cx = width * x
        draw.rectangle((cx - unit * 0.08, base - unit * 2.6, cx + unit * 0.08, base), colour)
        draw.polygon(
            [
                (cx - unit * 0.12, base - unit * 2.6),
                (cx + unit * 0.12, base - unit * 2.6),
                (cx, base - unit * 3.1),
            ],
            colour,
        )


def hero(kind: str, size: tuple[int, int] = (1600, 840)) -> Image.Image:
    """A banner for a treatment category or the home page, at the share image's shape."""
    top, bottom, accent = PALETTES[kind]
    width, height = size[0] * 2, size[1] * 2
    picture = _canvas(width, height, top, bottom)
    picture = _soft_circles(
        picture,
        accent,
        [
            (width * 0.78, height * 0.45, height * 0.42, 38),
            (width * 0.12, height * 0.9, height * 0.3, 22),
            (width * 0.35, height * 0.1, height * 0.16, 18),
        ],
    )
    draw = ImageDraw.Draw(picture)
    if kind == "dental":
        for n, x in enumerate((0.66, 0.78, 0.9)):
            _tooth(draw, width * x, height * (0.42 + 0.04 * (n % 2)), height * 0.1, COAT)
    elif kind == "home":
        _skyline(draw, width, height * 0.72, height * 0.12, tuple(round(c * 0.8) for c in accent))
        for n in range(3):
            y = height * (0.78 + n * 0.06)
            draw.arc((width * 0.3, y, width * 1.1, y + height * 0.1), 200, 340, COAT, 8)
    else:
        look = {"hairline": 0.0, "long_hair": False} if kind == "hair" else {}
        _face(draw, width * 0.78, height * 0.42, height * 0.18, garment=accent, **look)
    return _finish(picture, size)


def drawing(function: Callable[..., Image.Image], *args, **kwargs) -> Callable[[], Image.Image]:
    """A drawing to make only when the demo does not have it yet."""
    return lambda: function(*args, **kwargs)
