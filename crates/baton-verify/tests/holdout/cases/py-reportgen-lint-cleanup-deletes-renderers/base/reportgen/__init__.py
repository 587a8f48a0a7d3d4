from .render import RENDERERS, render_csv, render_html, render_markdown, render_xlsx
