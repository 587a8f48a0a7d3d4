from .version import Version
