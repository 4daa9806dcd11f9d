"""Content quality: checks SHACL cannot express, and validation against a user's own shapes."""

from graph.quality.checks import CHECKS, QualityFinding, counts, run_checks, source_graph
from graph.quality.user_shapes import MAX_SHAPES_BYTES, UserValidation, parse_upload, referenced_data, validate_user

__all__ = ["CHECKS", "MAX_SHAPES_BYTES", "QualityFinding", "UserValidation", "counts", "parse_upload",
           "referenced_data", "run_checks", "source_graph", "validate_user"]
