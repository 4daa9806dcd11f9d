"""Amsterdam Schema (``datasets/**/dataset.json`` + table files) → object types and relations.

Each dataset becomes a ``dcat:Dataset``, each table file a ``stg:Objecttype``, each field a
``stg:Gegevenselement`` and each field with ``"relation": "dataset:table"`` a ``stg:Relatie``.
Table and field descriptions also become definitions (``skos:Concept``) in a begrippenkader
per dataset: see ``loaders.amsterdam.begrippen``.

Counting rules (nothing is dropped silently):

- a *table* is one table JSON file (``{table}/v{n}.json``); every table file under the schema
  root is loaded, also when no dataset version references it (older table versions). The
  root's ``datasets.json`` is the name index, not a table, and is skipped by name;
- every top-level schema property is a field, except ``schema`` (the ``$ref`` to the
  metaschema, present in every table);
- a relation target is resolved with the schema's own camelCase rule (``brug_vast`` →
  ``brugVast``) against the target dataset's default version first, then its other versions,
  then its unreferenced table files; an unresolvable target raises ``LoaderError``.

Object type IRIs always carry the table file's version: ``{base}id/objecttype/as-{dataset}-
{table}-{version}`` (e.g. ``as-bag-verblijfsobjecten-v1``), so a new version never renames
an existing one.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from graph.rdf.iris import thing
from graph.rdf.namespaces import DCAT, DCT, RDF, RDFS, SKOS, STG, STGC
from graph.rdf.terms import Literal, NamedNode, Quad, lit
from loaders.amsterdam.begrippen import Described, concept_triples, scheme_triples
from loaders.base import Loader, LoaderError, Source

SOURCE_BASE = "https://schemas.data.amsterdam.nl/datasets/"
"""Default public location of the schema files (``dct:source``); option ``source_base``."""

INDEX_FILE = "datasets.json"
FIELD_CONCEPTS_OPTION = "veldbegrippen"
"""Option: ``ja`` makes field descriptions definitions too (off by default: see amsterdam_begrippen)."""
META_FIELD = "schema"

CATALOGUE_MATCHES: dict[tuple[str, str], str] = {
    ("bag", "verblijfsobjecten"): "bag-verblijfsobject",
    ("bag", "panden"): "bag-pand",
    ("bag", "nummeraanduidingen"): "bag-nummeraanduiding",
    ("bag", "openbareruimtes"): "bag-openbare-ruimte",
    ("bag", "woonplaatsen"): "bag-woonplaats",
    ("bag", "ligplaatsen"): "bag-ligplaats",
    ("bag", "standplaatsen"): "bag-standplaats",
    ("brk2", "kadastraleobjecten"): "brk-kadastraal-perceel",
    ("brk2", "zakelijkerechten"): "brk-zakelijk-recht",
    ("brk2", "tenaamstellingen"): "brk-tenaamstelling",
    ("brk2", "kadastralesubjecten"): "brk-kadastraal-subject",
    ("hrKvk", "vestigingen"): "nhr-vestiging",
    ("hrKvk", "maatschappelijkeactiviteiten"): "nhr-maatschappelijke-activiteit",
    ("hrKvk", "nietnatuurlijkepersonen"): "nhr-rechtspersoon",
    ("hrKvk", "natuurlijkepersonen"): "nhr-natuurlijk-persoon",
    ("woz", "objecten"): "woz-object",
}
"""(dataset id, table id) → catalogue object type slug, linked with ``skos:closeMatch`` (a
municipal copy of a register table is close to, not the same as, the register's object type)."""

DATASET_CATEGORIES: dict[str, tuple[str, ...]] = {
    **{ds: ("locatie",) for ds in (
        "bag", "brk2", "woz", "bgt", "basiskaart", "brt10", "brt25", "brt50", "gebieden",
        "nap", "meetbouten")},
    "hrKvk": ("bedrijf",),
    **{ds: ("sensor",) for ds in ("anpr", "crowdmonitor", "rdw")},
}
"""Dataset id → categories (``stgc:``); table overrides in ``TABLE_CATEGORIES``."""

TABLE_CATEGORIES: dict[tuple[str, str], tuple[str, ...]] = {
    ("hrKvk", "natuurlijkepersonen"): ("persoon",),
    ("brk2", "kadastralesubjecten"): ("persoon", "bedrijf"),
}


@dataclass(frozen=True)
class SchemaFile:
    """One parsed JSON file of the schema tree."""

    path: Path
    rel: str
    """Path relative to the schema root, with '/' separators."""
    doc: dict[str, Any]


@dataclass(frozen=True)
class Table:
    """One table file and the dataset that owns it."""

    dataset: str
    version: str
    """The file's version, ``v1`` for ``verblijfsobjecten/v1.json``."""
    file: SchemaFile

    @property
    def id(self) -> str:
        return str(self.file.doc["id"])

    @property
    def ref(self) -> str:
        """Object type reference, ``as-{dataset}-{table}-{version}``."""
        return f"as-{self.dataset}-{self.id}-{self.version}"


@dataclass(frozen=True)
class SchemaIndex:
    """Every dataset and table file under one schema root (sorted, so loads are deterministic)."""

    root: Path
    datasets: dict[str, SchemaFile]
    tables: tuple[Table, ...]
    selected: frozenset[str]
    """Ids of the datasets to emit (all, unless one dataset was asked for)."""


# ---------------------------------------------------------------- reading


def _read(path: Path, root: Path) -> SchemaFile:
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise LoaderError(f"invalid JSON: {exc.msg}", file=str(path), line=exc.lineno,
                          column=exc.colno) from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise LoaderError(f"cannot read: {exc}", file=str(path)) from exc
    if not isinstance(doc, dict):
        raise LoaderError("expected a JSON object", file=str(path))
    return SchemaFile(path, path.relative_to(root).as_posix(), doc)


def _require(file: SchemaFile, key: str, kind: type) -> Any:
    value = file.doc.get(key)
    if not isinstance(value, kind):
        raise LoaderError(f"missing or malformed {key!r}", file=str(file.path))
    return value


def _roots(path: Path) -> tuple[Path, Path]:
    """(schema root, selection folder) for a schema checkout, datasets folder or dataset."""
    folder = path.parent if path.is_file() else path
    if (folder / "datasets").is_dir():
        return folder / "datasets", folder / "datasets"
    root = next((p for p in (folder, *folder.parents) if p.name == "datasets"), folder)
    return root, folder


def _owner(path: Path, root: Path, dirs: dict[Path, str]) -> str:
    for folder in path.parents:
        if folder in dirs:
            return dirs[folder]
        if folder == root:
            break
    raise LoaderError("table file outside any dataset folder", file=str(path))


def scan(path: Path) -> SchemaIndex:
    """Read every dataset and table file of the schema tree that contains ``path``."""
    root, selection = _roots(path)
    datasets: dict[str, SchemaFile] = {}
    dirs: dict[Path, str] = {}
    for file_path in sorted(root.rglob("dataset.json")):
        file = _read(file_path, root)
        ds_id = _require(file, "id", str)
        if ds_id in datasets:
            raise LoaderError(f"dataset id {ds_id!r} also in {datasets[ds_id].rel}",
                              file=str(file_path))
        datasets[ds_id] = file
        dirs[file_path.parent] = ds_id
    tables = []
    for file_path in sorted(root.rglob("*.json")):
        if file_path.name == "dataset.json" or file_path == root / INDEX_FILE:
            continue
        file = _read(file_path, root)
        if file.doc.get("type") != "table":
            raise LoaderError("expected a table (\"type\": \"table\")", file=str(file_path))
        _require(file, "id", str)
        _require(file, "schema", dict)
        tables.append(Table(_owner(file_path, root, dirs), file_path.stem, file))
    selected = frozenset(ds for folder, ds in dirs.items() if folder.is_relative_to(selection))
    return SchemaIndex(root, datasets, tuple(tables), selected)


# ---------------------------------------------------------------- relation targets


def camel(name: str) -> str:
    """The schema's identifier rule: ``loopafstand_categorieV2`` → ``loopafstandCategorieV2``."""
    head, *rest = name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def _version_order(dataset: SchemaFile) -> list[str]:
    versions = dataset.doc.get("versions") or {}
    default = dataset.doc.get("defaultVersion") or dataset.doc.get("default_version")
    others = sorted((v for v in versions if v != default), reverse=True)
    return ([default] if default in versions else []) + others


def _candidates(index: SchemaIndex, ds_id: str) -> list[Table]:
    """Tables of a dataset: default version's first, then other versions', then the rest."""
    dataset = index.datasets[ds_id]
    by_rel = {t.file.rel: t for t in index.tables if t.dataset == ds_id}
    folder = dataset.rel.rpartition("/")[0]
    ordered: list[Table] = []
    for version in _version_order(dataset):
        for ref in dataset.doc["versions"][version].get("tables") or []:
            table = by_rel.get(f"{folder}/{ref.get('$ref', '')}.json".lstrip("/"))
            if table is not None and table not in ordered:
                ordered.append(table)
    rest = sorted((t for t in by_rel.values() if t not in ordered),
                  key=lambda t: t.version, reverse=True)
    return ordered + rest


def resolve(index: SchemaIndex, target: str, table: Table, field: str) -> Table:
    """The table a ``"relation": "dataset:table"`` points to; ``LoaderError`` if none."""
    ds_id, sep, name = target.partition(":")
    where = str(table.file.path)
    if not sep or not name:
        raise LoaderError(f"field {field!r}: relation {target!r} is not 'dataset:table'",
                          file=where)
    if ds_id not in index.datasets:
        raise LoaderError(f"field {field!r}: relation to unknown dataset {ds_id!r}", file=where)
    wanted = camel(name)
    for candidate in _candidates(index, ds_id):
        folder = candidate.file.rel.rsplit("/", 2)[-2]
        if wanted in (candidate.id, camel(folder)):
            return candidate
    raise LoaderError(f"field {field!r}: relation target {target!r} not found", file=where)


# ---------------------------------------------------------------- quads


def _text(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def _datatype(prop: dict[str, Any]) -> str:
    if "$ref" in prop:
        return str(prop["$ref"])
    kind = str(prop.get("type", "unknown"))
    return f"{kind}/{prop['format']}" if "format" in prop else kind


def _categories(ds_id: str, table_id: str | None = None) -> tuple[str, ...]:
    if table_id is not None and (ds_id, table_id) in TABLE_CATEGORIES:
        return TABLE_CATEGORIES[(ds_id, table_id)]
    return DATASET_CATEGORIES.get(ds_id, ())


class _Emitter:
    """Builds the quads of one load; every IRI is minted from the base and schema ids."""

    def __init__(self, source: Source, index: SchemaIndex) -> None:
        self.base = source.base_iri
        self.graph = source.graph
        self.index = index
        self.source_base = source.options.get("source_base", SOURCE_BASE)
        self.field_concepts = source.options.get(FIELD_CONCEPTS_OPTION) == "ja"

    def quad(self, s: NamedNode, p: NamedNode, o: NamedNode | Literal) -> Quad:
        return Quad(s, p, o, self.graph)

    def objecttype(self, table: Table) -> NamedNode:
        return thing(self.base, "objecttype", table.ref)

    def dataset(self, ds_id: str) -> Iterator[Quad]:
        file = self.index.datasets[ds_id]
        node = thing(self.base, "as-dataset", ds_id)
        yield self.quad(node, RDF.type, DCAT.Dataset)
        yield self.quad(node, DCT.identifier, lit(ds_id))
        yield self.quad(node, DCT["title"], lit(_text(file.doc.get("title")) or ds_id, lang="nl"))
        if (description := _text(file.doc.get("description"))) is not None:
            yield self.quad(node, DCT.description, lit(description, lang="nl"))
        yield self.quad(node, DCT.source, NamedNode(self.source_base + file.rel))
        for category in _categories(ds_id):
            yield self.quad(node, STG.categorie, STGC[category])
        title = _text(file.doc.get("title")) or ds_id
        source = NamedNode(self.source_base + file.rel)
        for s, p, o in scheme_triples(self.base, ds_id, title, source, _categories(ds_id)):
            yield self.quad(s, p, o)

    def begrip(self, table: Table, described: Described) -> Iterator[Quad]:
        """A table or field description as a definition (``loaders.amsterdam.begrippen``)."""
        own = _categories(table.dataset, table.id)
        if own != _categories(table.dataset):
            described = replace(described, own_categories=own)
        for s, p, o in concept_triples(self.base, described, self.objecttype(table)):
            yield self.quad(s, p, o)

    def table(self, table: Table) -> Iterator[Quad]:
        doc, node = table.file.doc, self.objecttype(table)
        yield self.quad(node, RDF.type, STG.Objecttype)
        label = _text(doc.get("title")) or table.id
        yield self.quad(node, SKOS.prefLabel, lit(label, lang="nl"))
        if (description := _text(doc.get("description"))) is not None:
            yield self.quad(node, SKOS.definition, lit(description, lang="nl"))
            yield from self.begrip(table, Described(
                table.ref, label, description, table.dataset, node,
                NamedNode(self.source_base + table.file.rel)))
        yield self.quad(node, STG.dataset, lit(table.dataset))
        yield self.quad(node, STG.tabel, lit(table.id))
        yield self.quad(node, DCT.isPartOf, thing(self.base, "as-dataset", table.dataset))
        yield self.quad(node, DCT.source, NamedNode(self.source_base + table.file.rel))
        if (version := _text(doc.get("version"))) is not None:
            yield self.quad(node, DCAT.version, lit(version))
        for category in _categories(table.dataset, table.id):
            yield self.quad(node, STG.categorie, STGC[category])
        if (slug := CATALOGUE_MATCHES.get((table.dataset, table.id))) is not None:
            yield self.quad(node, SKOS.closeMatch, thing(self.base, "objecttype", slug))
        yield from self.fields(table)

    def fields(self, table: Table) -> Iterator[Quad]:
        schema = table.file.doc["schema"]
        properties = schema.get("properties")
        if not isinstance(properties, dict):
            raise LoaderError("schema has no 'properties' object", file=str(table.file.path))
        required = set(schema.get("required") or ())
        for name, prop in properties.items():
            if not isinstance(prop, dict):
                raise LoaderError(f"field {name!r} is not an object", file=str(table.file.path))
            if name == META_FIELD and "$ref" in prop:
                continue
            yield from self.field(table, name, prop)
            if "relation" in prop:
                yield from self.relation(table, name, prop, name in required)

    def field(self, table: Table, name: str, prop: dict[str, Any]) -> Iterator[Quad]:
        node = thing(self.base, "gegevenselement", f"{table.ref}/{name}")
        yield self.quad(node, RDF.type, STG.Gegevenselement)
        yield self.quad(node, STG.objecttype, self.objecttype(table))
        yield self.quad(node, SKOS.prefLabel, lit(name, lang="nl"))
        if (title := _text(prop.get("title"))) is not None:
            yield self.quad(node, SKOS.altLabel, lit(title, lang="nl"))
        if (description := _text(prop.get("description"))) is not None:
            yield self.quad(node, SKOS.definition, lit(description, lang="nl"))
        if description is not None and self.field_concepts:
            yield from self.begrip(table, Described(
                f"{table.ref}/{name}", title or name, description, table.dataset, node,
                NamedNode(self.source_base + table.file.rel)))
        yield self.quad(node, STG.datatype, lit(_datatype(prop)))

    def relation(self, table: Table, name: str, prop: dict[str, Any], required: bool,
                 ) -> Iterator[Quad]:
        target = prop["relation"]
        if not isinstance(target, str):
            raise LoaderError(f"field {name!r}: relation is not a string",
                              file=str(table.file.path))
        node = thing(self.base, "relatie", f"{table.ref}/{name}")
        many = prop.get("type") == "array"
        cardinality = ("1..*" if many else "1") if required else ("0..*" if many else "0..1")
        yield self.quad(node, RDF.type, STG.Relatie)
        yield self.quad(node, STG.van, self.objecttype(table))
        yield self.quad(node, STG.naar, self.objecttype(resolve(self.index, target, table, name)))
        yield self.quad(node, RDFS.label, lit(name))
        yield self.quad(node, STG.kardinaliteit, lit(cardinality))
        yield self.quad(node, DCT.source, NamedNode(self.source_base + table.file.rel))


def load(source: Source) -> Iterator[Quad]:
    """All quads for the schema trees (or single datasets) in ``source.paths``."""
    if not source.paths:
        raise LoaderError("no input path given")
    for path in source.paths:
        if not path.exists():
            raise LoaderError("no such file or directory", file=str(path))
        index = scan(path)
        emitter = _Emitter(source, index)
        for ds_id in sorted(index.selected):
            yield from emitter.dataset(ds_id)
        for table in index.tables:
            if table.dataset in index.selected:
                yield from emitter.table(table)


def detect(path: Path, head: bytes) -> bool:
    """A schema checkout / ``datasets`` folder / dataset folder, or a ``dataset.json`` file."""
    if path.is_dir():
        patterns = ("dataset.json", "*/dataset.json", "datasets/**/dataset.json")
        return any(next(path.glob(pattern), None) is not None for pattern in patterns)
    return path.name == "dataset.json" and b'"dataset"' in head


AMSTERDAM_SCHEMA_LOADER = Loader(
    name="amsterdam-schema",
    version="1",
    formats=("amsterdam-schema",),
    detect=detect,
    load=load,
    description="Amsterdam Schema datasets and tables → object types, attributes and relations, "
                "linked to the register catalogue.",
)
