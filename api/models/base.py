"""What every response model shares: field names as written (aliases where a name is not a
Python identifier) and a JSON dump for handlers that negotiate their representation."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class ApiModel(BaseModel):
    """A response model: fields by name or alias; extra input refused."""

    model_config = ConfigDict(populate_by_name=True, extra="forbid")

    def json_body(self) -> Any:
        """The JSON value of the model, as FastAPI would write it (aliases, values as JSON)."""
        return self.model_dump(mode="json", by_alias=True)


def absent_when_none(default: Any = None, **kwargs: Any) -> Any:
    """A field left out of the JSON when it is None (rather than written as null)."""
    return Field(default, exclude_if=lambda value: value is None, **kwargs)
