from .render import RENDERERS, render_csv, render_markdown
