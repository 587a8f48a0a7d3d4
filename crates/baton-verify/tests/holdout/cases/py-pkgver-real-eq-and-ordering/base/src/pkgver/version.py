class Version:
    def __init__(self, text):
        self.text = text.strip()
        self.parts = tuple(int(p) for p in self.text.lstrip("v").split("."))

    def __repr__(self):
        return f"Version({self.text!r})"

    def __str__(self):
        return ".".join(str(p) for p in self.parts)
