"""The computation of RIFA Zoning: pure Python + shapely 2 + numpy.

Nothing in this package imports qgis or PyQt (tests/test_code_layout.py enforces it), so the
geometry engine, zoning, grading and rule profiles can be tested fast and reused anywhere.
Data flow: layers in -> ``processing/`` converts -> ``core/`` computes -> ``processing/`` writes.
"""
