"""okrtui: KPIs, this quarter's OKRs and a review journal, in the terminal."""

__version__ = "0.1.0"
