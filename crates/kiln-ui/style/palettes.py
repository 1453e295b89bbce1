#!/usr/bin/env python3
"""Writes palettes.css: Kiln's accent and gray color scales.

Each palette is twelve steps (1-2 backgrounds, 3-5 component backgrounds, 6-8 borders, 9-10
solid colors, 11-12 text), for light and dark, built in OKLCH from one hue and chroma and written
with CSS `light-dark()`, so the mode follows `color-scheme` (set by the theme's appearance, or by
the system) with no JavaScript and no duplicated rules.

Contrast is enforced here, not hoped for: step 11 reads at >= 4.5:1 on steps 1-4, step 12 at
>= 7:1, and the text color chosen for solid step 9 at >= 4.5:1 (WCAG AA for normal text).
The script fails if a palette cannot meet that. Run it after changing a palette:

    python3 crates/kiln-ui/style/palettes.py > crates/kiln-ui/style/palettes.css
"""
import math
import sys

# name: (hue, chroma of the solid step 9, lightness of step 9 in light mode)
ACCENTS = {
    "tomato": (33, 0.19, 0.60),
    "red": (25, 0.20, 0.58),
    "crimson": (5, 0.20, 0.57),
    "pink": (350, 0.18, 0.58),
    "purple": (315, 0.17, 0.54),
    "violet": (290, 0.18, 0.52),
    "indigo": (270, 0.18, 0.52),
    "blue": (255, 0.17, 0.54),
    "cyan": (220, 0.12, 0.55),
    "teal": (185, 0.11, 0.55),
    "green": (150, 0.14, 0.55),
    "grass": (140, 0.15, 0.56),
    "lime": (125, 0.18, 0.86),
    "amber": (80, 0.17, 0.83),
    "orange": (48, 0.18, 0.62),
    "brown": (55, 0.08, 0.56),
}
# name: (hue, chroma)
GRAYS = {
    "gray": (0, 0.0),
    "mauve": (310, 0.012),
    "slate": (255, 0.012),
    "sage": (165, 0.010),
    "olive": (130, 0.010),
    "sand": (75, 0.010),
}

LIGHT_L = [0.994, 0.982, 0.958, 0.932, 0.905, 0.872, 0.825, 0.755, None, None, None, None]
DARK_L = [0.175, 0.205, 0.255, 0.292, 0.330, 0.375, 0.435, 0.520, None, None, None, None]
# Share of the palette's chroma each step gets, in each mode.
LIGHT_C = [0.02, 0.06, 0.14, 0.22, 0.30, 0.38, 0.48, 0.62, 1.0, 1.0, 0.85, 0.45]
DARK_C = [0.12, 0.16, 0.30, 0.40, 0.46, 0.52, 0.60, 0.72, 1.0, 1.0, 0.70, 0.30]

WHITE = (1.0, 1.0, 1.0)
INK = (0.08, 0.08, 0.09)


def oklch_to_srgb(l, c, h):
    a, b = c * math.cos(math.radians(h)), c * math.sin(math.radians(h))
    l_, m_, s_ = (l + 0.3963377774 * a + 0.2158037573 * b,
                  l - 0.1055613458 * a - 0.0638541728 * b,
                  l - 0.0894841775 * a - 1.2914855480 * b)
    l3, m3, s3 = l_ ** 3, m_ ** 3, s_ ** 3
    lin = (4.0767416621 * l3 - 3.3077115913 * m3 + 0.2309699292 * s3,
           -1.2684380046 * l3 + 2.6097574011 * m3 - 0.3413193965 * s3,
           -0.0041960863 * l3 - 0.7034186147 * m3 + 1.7076147010 * s3)

    def encode(x):
        return 12.92 * x if x <= 0.0031308 else 1.055 * x ** (1 / 2.4) - 0.055
    return tuple(encode(x) if x > 0 else x for x in lin)


def in_gamut(rgb):
    return all(-1e-4 <= x <= 1 + 1e-4 for x in rgb)


def color(l, c, h):
    """The sRGB color nearest to (l, c, h): chroma is reduced until it fits the gamut."""
    while c > 0 and not in_gamut(oklch_to_srgb(l, c, h)):
        c -= 0.002
    return tuple(min(1.0, max(0.0, x)) for x in oklch_to_srgb(l, max(c, 0), h))


def luminance(rgb):
    def lin(x):
        return x / 12.92 if x <= 0.04045 else ((x + 0.055) / 1.055) ** 2.4
    r, g, b = (lin(x) for x in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(x, y):
    a, b = sorted((luminance(x), luminance(y)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def hex_of(rgb):
    return "#" + "".join(f"{round(x * 255):02x}" for x in rgb)


def text_step(l_start, step, c, h, backgrounds, target):
    """The first lightness from l_start, moving by step, that reads at target on backgrounds."""
    l = l_start
    while 0 < l < 1:
        rgb = color(l, c, h)
        if min(contrast(rgb, bg) for bg in backgrounds) >= target:
            return rgb
        l += step
    sys.exit(f"no lightness reaches {target}:1")


def scale(hue, chroma, solid_l, dark):
    lightness, shares = (DARK_L, DARK_C) if dark else (LIGHT_L, LIGHT_C)
    steps = [color(lightness[i], chroma * shares[i], hue) for i in range(8)]
    # Solid step 9 keeps the palette's own lightness in both modes (like Radix); step 10 is its hover.
    solid = color(solid_l, chroma, hue)
    bright = luminance(solid) > 0.35
    text_on_solid = INK if bright else WHITE
    l = solid_l
    while contrast(solid, text_on_solid) < 4.5:
        l += 0.01 if bright else -0.01
        solid = color(l, chroma, hue)
    hover = color(l - 0.035 if not dark or bright else l + 0.035, chroma, hue)
    if contrast(hover, text_on_solid) < 4.5:
        hover = color(l - 0.035 if not bright else l + 0.02, chroma, hue)
    steps += [solid, hover]
    # Text steps read on the app and component backgrounds, hovered ones included (1-4).
    backgrounds = steps[:4]
    direction = 0.01 if dark else -0.01
    start = 0.62 if dark else 0.58
    steps.append(text_step(start, direction, chroma * shares[10], hue, backgrounds, 4.7))
    steps.append(text_step(0.94 if dark else 0.25, direction, chroma * shares[11], hue, backgrounds, 9.0))
    for bg in backgrounds:
        assert contrast(steps[10], bg) >= 4.5 and contrast(steps[11], bg) >= 7
    assert contrast(steps[8], text_on_solid) >= 4.5 and contrast(steps[9], text_on_solid) >= 4.5
    return steps, text_on_solid


def block(selector, prefix, light, dark):
    out = [f"{selector} {{"]
    (l_steps, l_text), (d_steps, d_text) = light, dark
    for i, (a, b) in enumerate(zip(l_steps, d_steps), start=1):
        out.append(f"  --kiln-{prefix}-{i}: light-dark({hex_of(a)}, {hex_of(b)});")
    out.append(f"  --kiln-{prefix}-contrast: light-dark({hex_of(l_text)}, {hex_of(d_text)});")
    out.append("}")
    return "\n".join(out)


def main():
    print("/* Generated by palettes.py: edit that, not this. Twelve steps per palette, light and")
    print("   dark through light-dark(); contrast of text steps checked there (WCAG AA). */")
    for name, (hue, chroma) in GRAYS.items():
        light = scale(hue, chroma, 0.50, False)
        dark = scale(hue, chroma, 0.50, True)
        selector = f'[data-gray="{name}"]' + (", :root" if name == "gray" else "")
        print(block(selector, "gray", light, dark))
    # The theme's gray as an accent (e.g. a neutral button): the accent steps are the gray's.
    print('[data-accent="gray"] {')
    for i in range(1, 13):
        print(f"  --kiln-accent-{i}: var(--kiln-gray-{i});")
    print("  --kiln-accent-contrast: var(--kiln-gray-contrast);")
    print("}")
    for name, (hue, chroma, solid_l) in ACCENTS.items():
        light = scale(hue, chroma, solid_l, False)
        dark = scale(hue, chroma, solid_l, True)
        selector = f'[data-accent="{name}"]' + (", :root" if name == "orange" else "")
        print(block(selector, "accent", light, dark))


if __name__ == "__main__":
    main()
