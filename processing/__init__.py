"""Processing provider ``rifa``: converts layers for ``core/`` and writes its results."""
