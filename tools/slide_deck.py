"""Static reveal.js decks of the notebooks (``make slides``): one HTML file each, viewable offline.

``jupyter nbconvert --to slides`` with the notebooks' stored outputs (figures included) and their slide
metadata (``tools/slides.py``). A stock deck loads reveal.js, require.js, jQuery, MathJax and mermaid
from CDNs; these decks load every script from ``vendor/`` beside them, copied from npm packages pinned
in ``tools/slides_assets/package-lock.json`` (``npm ci``: the npm registry at build time only, nothing
at run time), and the template ``tools/slides_assets/deck.html.j2`` drops the mermaid import. A live
widget cannot run in a static file: its output becomes a one-line note.

Run from the repository root: ``python -m tools.slide_deck notebooks build/slides``.
"""

from __future__ import annotations

import argparse
import copy
import hashlib
import re
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import nbformat
from nbconvert import SlidesExporter
from traitlets.config import Config

from .slide_layout import LAYOUT, WIDGET_VIEW, DeckLayout

ASSETS = Path(__file__).resolve().parent / "slides_assets"
TEMPLATE = "deck.html.j2"
NPM_CACHE = Path(__file__).resolve().parents[1] / "build" / "slides-npm"
"""Where ``npm ci`` installs the packages (reused while the lock file is unchanged)."""
VENDOR = "vendor"
REVEAL_THEME = "white"  # its font ships with reveal.js; "simple" (nbconvert's default) loads Google Fonts
# What the decks load from each package (MathJax: the TeX-to-CommonHTML path and its web fonts only).
RUNTIME_FILES = {
    "reveal.js": ["dist", "plugin/notes"],
    "requirejs": ["require.js"],
    "jquery": ["dist/jquery.min.js"],
    "mathjax": [
        "MathJax.js",
        "config/TeX-AMS_CHTML-full.js",
        "config/Safe.js",
        "extensions",
        "jax/input/TeX",
        "jax/element",
        "jax/output/CommonHTML",
        "fonts/HTML-CSS/TeX/woff",
    ],
}
WIDGET_NOTE = (
    '<p class="deck-widget-note"><em>Live widget: open the notebook in JupyterLab and run this cell '
    "to move its controls.</em></p>"
)
NOTEBOOK_LINK = re.compile(r"\]\((\d\d_\w+|playground)\.ipynb")


def install_runtime(cache: Path = NPM_CACHE) -> Path:
    """``npm ci`` the pinned packages into ``cache`` unless already there; return its ``node_modules``."""
    lock = (ASSETS / "package-lock.json").read_bytes()
    stamp = cache / f".installed-{hashlib.sha256(lock).hexdigest()[:16]}"
    if not stamp.exists():
        shutil.rmtree(cache, ignore_errors=True)
        cache.mkdir(parents=True)
        for name in ("package.json", "package-lock.json"):
            shutil.copy2(ASSETS / name, cache / name)
        npm = shutil.which("npm")
        if npm is None:
            raise FileNotFoundError(
                "npm not found: the slide decks need it once to fetch reveal.js and MathJax"
            )
        command = [npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--prefix", str(cache)]
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        stamp.touch()
    return cache / "node_modules"


def copy_runtime(node_modules: Path, target: Path) -> None:
    """Copy the files the decks load (:data:`RUNTIME_FILES`) from ``node_modules`` to ``target``."""
    for package, parts in RUNTIME_FILES.items():
        for part in parts:
            source, destination = node_modules / package / part, target / package / part
            destination.parent.mkdir(parents=True, exist_ok=True)
            if source.is_dir():
                shutil.copytree(source, destination, dirs_exist_ok=True)
            else:
                shutil.copy2(source, destination)


def deck_css(layout: DeckLayout = LAYOUT) -> str:
    """The deck's type sizes and figure cap, from the numbers the height estimate assumes."""
    return f"""
:root {{
    --jp-ui-font-size1: {layout.text_px}px;
    --jp-content-font-size1: {layout.text_px}px;
    --jp-code-font-size: {layout.code_px}px;
}}
.reveal .jp-OutputArea-output img {{ max-height: {layout.image_max_px}px; width: auto; margin: 0; }}
/* reveal's theme styles quotes and lists for short slides (a quote 70 % wide, italic; a list shrunk to
   its content); the notebooks' quotes are the learners' questions, paragraphs long: full width. */
.reveal .jp-RenderedMarkdown blockquote {{
    width: auto; margin: 0 0 {layout.block_gap_px}px 0; padding: 0 0 0 1em; font-style: normal;
    box-shadow: none; border-left: 4px solid #c8c8c8;
}}
.reveal .jp-RenderedMarkdown ul, .reveal .jp-RenderedMarkdown ol {{ display: block; margin-left: 1.5em; }}
.reveal .jp-RenderedMarkdown li {{ line-height: 1.3; }}
.reveal .jp-RenderedMarkdown :is(h1, h2, h3, h4, h5, h6) {{ text-transform: none; }}
""".strip()


def exporter(layout: DeckLayout = LAYOUT, vendor: str = VENDOR) -> SlidesExporter:
    """nbconvert's slides exporter set up for offline decks of ``layout``'s size, prompts hidden."""
    config = Config()
    config.SlidesExporter.reveal_url_prefix = f"{vendor}/reveal.js"
    config.SlidesExporter.reveal_theme = REVEAL_THEME
    config.SlidesExporter.reveal_width = str(layout.width)
    config.SlidesExporter.reveal_height = str(layout.height)
    config.HTMLExporter.jquery_url = f"{vendor}/jquery/dist/jquery.min.js"
    config.HTMLExporter.require_js_url = f"{vendor}/requirejs/require.js"
    config.HTMLExporter.mathjax_url = f"{vendor}/mathjax/MathJax.js?config=TeX-AMS_CHTML-full,Safe"
    config.TemplateExporter.extra_template_paths = [str(ASSETS)]
    config.TemplateExporter.exclude_input_prompt = True
    config.TemplateExporter.exclude_output_prompt = True
    return SlidesExporter(config=config, template_file=TEMPLATE)


def deck_notebook(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """A copy for the static deck: widget outputs become a note, links to notebooks point to their decks."""
    deck = copy.deepcopy(notebook)
    for cell in deck.cells:
        if cell.cell_type == "markdown":
            cell.source = NOTEBOOK_LINK.sub(r"](\1.slides.html", cell.source)
        for index, output in enumerate(cell.get("outputs", [])):
            if WIDGET_VIEW in output.get("data", {}):
                cell.outputs[index] = nbformat.v4.new_output("display_data", data={"text/html": WIDGET_NOTE})
    return deck


def export_deck(path: Path, target: Path, slides: SlidesExporter | None = None) -> Path:
    """Write the deck of the notebook at ``path`` to ``target``; return ``target``."""
    notebook = deck_notebook(nbformat.read(path, as_version=4))
    resources: dict[str, Any] = {"metadata": {"name": path.stem}, "deck_css": deck_css()}
    body, _ = (slides or exporter()).from_notebook_node(notebook, resources=resources)
    target.write_text(body, encoding="utf-8")
    return target


def build(src_dir: Path, out_dir: Path, node_modules: Path | None = None) -> list[Path]:
    """Write a deck for every notebook under ``src_dir`` to the same place under ``out_dir``; return them.

    ``out_dir/vendor/`` holds what the decks load (``build/slides/en/02_synthetic_data.slides.html`` loads
    ``../vendor/reveal.js/…``), so the folder can be zipped and shared as it is.
    """
    sources = sorted(p for p in src_dir.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)
    if not sources:
        raise FileNotFoundError(f"no notebooks under {src_dir}")
    copy_runtime(node_modules or install_runtime(), out_dir / VENDOR)
    exporters: dict[int, SlidesExporter] = {}
    decks = []
    for path in sources:
        relative = path.relative_to(src_dir)
        depth = len(relative.parts) - 1
        slides = exporters.setdefault(depth, exporter(vendor="../" * depth + VENDOR))
        target = out_dir / relative.parent / f"{path.stem}.slides.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        decks.append(export_deck(path, target, slides))
    return decks


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: ``SRC_DIR OUT_DIR``; print what was written."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("src_dir", type=Path, help="a folder of notebooks (e.g. notebooks)")
    parser.add_argument("out_dir", type=Path, help="where the decks go (e.g. build/slides)")
    args = parser.parse_args(argv)
    decks = build(args.src_dir, args.out_dir)
    first = decks[0].relative_to(args.out_dir)
    print(f"Wrote {len(decks)} slide decks to {args.out_dir} (open {args.out_dir / first} in a browser)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
