"""The JSON shapes of the API as typed response models, one module per feature.

Each model is built from the dataclasses ``graph/`` returns (``Model.of(record)``), so the field
names live here and nowhere else, and ``/v1/openapi.json`` describes every JSON response.
"""
