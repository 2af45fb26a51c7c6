#!/usr/bin/env python3
"""Checks of the built documentation site, for .ci/site.sh. Python 3 standard library only.

  site_check.py links SITE_DIR              every relative href/src resolves to a file, every #anchor exists;
                                            external links are listed, not fetched
  site_check.py dom DOM_FILE MKDOCS_YML     the home page as Chromium rendered it: the site name in <title>, a
                                            <nav> holding every top-level nav entry of mkdocs.yml
  site_check.py png PNG_FILE                the screenshot decodes, has a sane size and is not one colour
  site_check.py options PAGE SOURCE_DIR     every picocli option, admin route and metric of p2p-node's sources
                                            is named on the page (the operating page cannot fall behind the code)

Each prints what it checked and exits 1 on the first kind of failure it finds (after listing all of that kind).
"""
import os
import re
import struct
import sys
import zlib
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit


class _Page(HTMLParser):
    """Collects the ids (anchors) a page defines and the links it makes."""

    LINK_ATTRS = {"a": "href", "link": "href", "script": "src", "img": "src", "iframe": "src", "source": "src"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids = set()
        self.links = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("name"):
            self.ids.add(attrs["name"])
        wanted = self.LINK_ATTRS.get(tag)
        if wanted and attrs.get(wanted) is not None:
            self.links.append(attrs[wanted])


def _parse(path):
    page = _Page()
    with open(path, encoding="utf-8") as f:
        page.feed(f.read())
    return page


def check_links(site):
    pages = {}
    for root, _, files in os.walk(site):
        for name in files:
            if name.endswith(".html"):
                path = os.path.normpath(os.path.join(root, name))
                pages[path] = _parse(path)
    broken, external, checked = [], set(), 0
    for path, page in sorted(pages.items()):
        for link in page.links:
            parts = urlsplit(link)
            if parts.scheme in ("http", "https") or link.startswith("//"):
                external.add(link)
                continue
            if parts.scheme:  # mailto:, data:, javascript: ...
                continue
            checked += 1
            where = os.path.relpath(path, site)
            if parts.path.startswith("/"):
                # Only the 404 page links from the site root (it is served at any depth): resolve there.
                target = os.path.normpath(os.path.join(site, unquote(parts.path).lstrip("/")))
            elif parts.path:
                target = os.path.normpath(os.path.join(os.path.dirname(path), unquote(parts.path)))
            else:
                target = path
            if os.path.isdir(target):
                target = os.path.join(target, "index.html")
            if not os.path.isfile(target):
                broken.append(f"{where}: {link} (no file {os.path.relpath(target, site)})")
                continue
            fragment = unquote(parts.fragment)
            if fragment:
                anchors = pages.get(target)
                if anchors is None:
                    broken.append(f"{where}: {link} (anchor into a file that is not a page)")
                elif fragment not in anchors.ids:
                    broken.append(f"{where}: {link} (no id '{fragment}' in {os.path.relpath(target, site)})")
    print(f"links: {len(pages)} pages, {checked} relative links and anchors checked, {len(broken)} broken")
    for b in broken:
        print(f"  BROKEN {b}")
    print(f"links: {len(external)} external links (listed, not fetched):")
    for e in sorted(external):
        print(f"  {e}")
    return not broken


class _Dom(HTMLParser):
    """The <title> text, and the text inside <nav> elements."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.title = ""
        self.in_title = False
        self.nav_depth = 0
        self.navs = 0
        self.nav_text = []

    def handle_starttag(self, tag, attrs):
        if tag == "title":
            self.in_title = True
        elif tag == "nav":
            self.nav_depth += 1
            self.navs += 1

    def handle_endtag(self, tag):
        if tag == "title":
            self.in_title = False
        elif tag == "nav" and self.nav_depth:
            self.nav_depth -= 1

    def handle_data(self, data):
        if self.in_title:
            self.title += data
        if self.nav_depth:
            self.nav_text.append(data)


def _site_name_and_nav(mkdocs_yml):
    """site_name and the top-level nav titles of mkdocs.yml, read without a YAML library."""
    site_name, titles, in_nav = None, [], False
    with open(mkdocs_yml, encoding="utf-8") as f:
        for line in f:
            if line.startswith("site_name:"):
                site_name = line.split(":", 1)[1].strip().strip("\"'")
            if line.startswith("nav:"):
                in_nav = True
                continue
            if in_nav:
                if line.strip() and not line.startswith(" "):
                    in_nav = False
                    continue
                m = re.match(r"^  - (\"[^\"]+\"|'[^']+'|[^:]+):", line)
                if m:
                    titles.append(m.group(1).strip("\"'"))
    return site_name, titles


def check_dom(dom_file, mkdocs_yml):
    site_name, titles = _site_name_and_nav(mkdocs_yml)
    dom = _Dom()
    with open(dom_file, encoding="utf-8") as f:
        dom.feed(f.read())
    nav_text = " ".join(" ".join(dom.nav_text).split())
    problems = []
    if not site_name or site_name not in dom.title:
        problems.append(f"<title> is '{dom.title.strip()}', expected it to contain '{site_name}'")
    if dom.navs == 0:
        problems.append("no <nav> element")
    missing = [t for t in titles if t not in nav_text]
    if not titles:
        problems.append("no nav entries found in mkdocs.yml")
    if missing:
        problems.append(f"nav entries missing from the rendered navigation: {missing}")
    print(f"dom: <title>{dom.title.strip()}</title>, {dom.navs} <nav> elements, "
          f"{len(titles) - len(missing)}/{len(titles)} nav entries present")
    for p in problems:
        print(f"  FAIL {p}")
    return not problems


def _paeth(a, b, c):
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    if pa <= pb and pa <= pc:
        return a
    return b if pb <= pc else c


def _png_pixels(path):
    """Width, height and rows of pixels (tuples of bytes) of an 8-bit RGB or RGBA, non-interlaced PNG."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG file")
    pos, idat, header = 8, [], None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat.append(body)
        elif kind == b"IEND":
            break
        pos += 12 + length
    width, height, depth, colour, _, _, interlace = header
    if depth != 8 or colour not in (2, 6) or interlace:
        raise ValueError(f"unsupported PNG (bit depth {depth}, colour type {colour}, interlace {interlace})")
    bpp = 3 if colour == 2 else 4
    raw = zlib.decompress(b"".join(idat))
    stride = width * bpp
    previous = bytearray(stride)
    rows = []
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        if kind == 1:
            for i in range(bpp, stride):
                line[i] = (line[i] + line[i - bpp]) & 0xFF
        elif kind == 2:
            for i in range(stride):
                line[i] = (line[i] + previous[i]) & 0xFF
        elif kind == 3:
            for i in range(stride):
                left = line[i - bpp] if i >= bpp else 0
                line[i] = (line[i] + ((left + previous[i]) >> 1)) & 0xFF
        elif kind == 4:
            for i in range(stride):
                left = line[i - bpp] if i >= bpp else 0
                up_left = previous[i - bpp] if i >= bpp else 0
                line[i] = (line[i] + _paeth(left, previous[i], up_left)) & 0xFF
        elif kind != 0:
            raise ValueError(f"bad filter type {kind} in row {y}")
        rows.append(bytes(line))
        previous = line
    return width, height, bpp, rows


def check_png(path):
    width, height, bpp, rows = _png_pixels(path)
    counts = {}
    for row in rows:
        for x in range(0, len(row), bpp):
            pixel = row[x:x + 3]
            counts[pixel] = counts.get(pixel, 0) + 1
    total = width * height
    top = max(counts.values())
    share = top / total
    print(f"png: {width}x{height}, {len(counts)} distinct colours, the commonest covers {share:.0%}, "
          f"{os.path.getsize(path)} bytes")
    problems = []
    if width < 640 or height < 480:
        problems.append("smaller than 640x480")
    if len(counts) < 16:
        problems.append("fewer than 16 colours: nothing rendered")
    if share > 0.97:
        problems.append("one colour covers more than 97% of the picture: a blank page")
    for p in problems:
        print(f"  FAIL {p}")
    return not problems


def check_options(page, source_dir):
    """Every non-hidden picocli option, admin route and metric of the node's sources is named on the page."""
    with open(page, encoding="utf-8") as f:
        text = f.read()
    options, routes, metrics = set(), set(), set()
    for root, _, files in os.walk(source_dir):
        for name in files:
            if not name.endswith(".java"):
                continue
            with open(os.path.join(root, name), encoding="utf-8") as f:
                src = f.read()
            for m in re.finditer(r"@Option\(([^)]*)\)", src, re.S):
                if "hidden = true" in m.group(1):
                    continue
                options.update(re.findall(r"\"(--[a-z0-9-]+)\"", m.group(1)))
            routes.update(re.findall(r"route\(\"(/[a-z]+)\"", src))
            metrics.update(re.findall(r"\.builder\(\"(mintp2p_[a-z_]+)\"", src))
    missing = [o for o in sorted(options) if f"`{o}" not in text]
    missing += [r for r in sorted(routes) if f" {r}" not in text]
    missing += [m for m in sorted(metrics) if f"`{m}" not in text]
    print(f"options: {len(options)} options, {len(routes)} admin routes, {len(metrics)} metrics of "
          f"{source_dir}; {len(missing)} not on {page}")
    for m in missing:
        print(f"  MISSING {m}")
    return not missing and options and routes and metrics


def main(argv):
    checks = {"links": (check_links, 1), "dom": (check_dom, 2), "png": (check_png, 1), "options": (check_options, 2)}
    if len(argv) < 2 or argv[1] not in checks or len(argv) - 2 != checks[argv[1]][1]:
        print(__doc__)
        return 2
    check, _ = checks[argv[1]]
    try:
        return 0 if check(*argv[2:]) else 1
    except (OSError, ValueError, struct.error, zlib.error, TypeError) as e:
        print(f"{argv[1]}: FAIL {e}")
        return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
