"""Operations on a running service, for admins: load and unload sources, back up, export, jobs.

Long work runs as a job (``api/jobs.py``): the request answers 202 with the job, whose progress
``GET /v1/jobs/{id}`` shows. Sources are loaded only from the folders in
``STELSELGRAAF_IMPORT_DIRS``; backups go into ``STELSELGRAAF_BACKUP_DIR``. Every operation is
audited (loads and unloads by the publication itself, backups here).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Query, Response
from fastapi import Path as PathParam
from pydantic import BaseModel, Field

from api.deps import SettingsDep, StoreDep
from api.identity import AdminDep
from api.jobs import Job, board
from graph import sources
from graph.errors import Forbidden, InvalidInput
from graph.rdf.rdfio import FORMATS, MEDIA_TYPES
from graph.settings import Settings
from graph.store import GraphStore
from graph.store import backup as backups
from graph.trust import audit
from loaders import pipeline
from loaders.base import LoaderError
from loaders.registry import by_name

router = APIRouter(tags=["Beheer"])
NAME = r"^[a-z0-9][a-z0-9-]{0,79}$"
SourceName = Annotated[str, PathParam(pattern=NAME, description="naam van de bron (kleine letters, cijfers, -)")]


class LoadRequest(BaseModel):
    paths: list[str] = Field(min_length=1, max_length=100, description="bestanden of mappen in een importmap")
    format: str | None = Field(None, max_length=40, description="lader of formaat (standaard: herkennen)")


class BackupRequest(BaseModel):
    name: str = Field(pattern=NAME, description="naam van de back-upmap (nieuw) in STELSELGRAAF_BACKUP_DIR")


class JobOut(BaseModel):
    id: str
    kind: str = Field(description="laden, verwijderen of back-up")
    target: str
    actor: str
    status: str = Field(description="wachtend, bezig, klaar of mislukt")
    progress: int = Field(description="gelezen triples (laden)")
    created: str
    started: str | None
    ended: str | None
    result: dict[str, Any]
    error: str | None


class JobList(BaseModel):
    total: int
    items: list[JobOut]


def _out(job: Job) -> JobOut:
    return JobOut.model_validate(job, from_attributes=True)


def _accepted(response: Response, job: Job) -> JobOut:
    response.headers["Location"] = f"/v1/jobs/{job.id}"
    return _out(job)


def allowed_path(settings: Settings, raw: str) -> Path:
    """``raw`` resolved, if it lies inside one of the import folders and exists."""
    path = Path(raw).resolve()
    roots = [Path(d).resolve() for d in settings.import_dirs]
    if not any(path == root or path.is_relative_to(root) for root in roots):
        raise Forbidden(f"{raw!r} is outside the import folders (STELSELGRAAF_IMPORT_DIRS)")
    if not path.exists():
        raise InvalidInput(f"{raw!r} does not exist")
    return path


@router.post("/sources/{name}", status_code=202, response_model=JobOut, summary="Een bron laden (beheer)")
def load_source(name: SourceName, body: LoadRequest, store: StoreDep, settings: SettingsDep,
                admin: AdminDep, response: Response) -> JobOut:
    paths = [allowed_path(settings, raw) for raw in body.paths]
    try:
        if body.format and body.format != "auto":
            by_name(body.format)
    except LoaderError as error:
        raise InvalidInput(error.message) from error

    def work(job: Job) -> dict[str, Any]:
        def progress(n: int) -> None:
            job.progress = n

        report = pipeline.load(store, paths, name=name, fmt=body.format, progress=progress,
                               actor=admin.subject)
        job.progress = report.triples
        return {"graph": report.graph, "loader": report.loader, "triples": report.triples,
                "warnings": report.validation.warnings, "unchanged": report.unchanged}

    return _accepted(response, board(store).submit("laden", name, admin.name, work))


@router.delete("/sources/{name}", status_code=202, response_model=JobOut, summary="Een bron verwijderen (beheer)")
def unload_source(name: SourceName, store: StoreDep, admin: AdminDep, response: Response) -> JobOut:
    def work(job: Job) -> dict[str, Any]:
        return {"removed": sources.drop_source(store, name, actor=admin.subject)}

    return _accepted(response, board(store).submit("verwijderen", name, admin.name, work))


def _backup(store: GraphStore, directory: Path, actor: str) -> dict[str, Any]:
    with store.state.write_lock:  # no proposal is published halfway through the dump
        manifest = backups.backup(store, directory)
    base = store.settings.base_iri
    audit.record(store, audit.event(base, name="back-up maken", actor=actor, action="back-up",
                                    activity="bronbeheer", object=directory.as_uri(),
                                    result=f"{manifest['quads']} quads", status_code=audit.STATUS_OK,
                                    origin="beheer"))
    return {"directory": str(directory), **manifest}


@router.post("/backups", status_code=202, response_model=JobOut, summary="Een back-up maken terwijl de dienst draait")
def make_backup(body: BackupRequest, store: StoreDep, settings: SettingsDep, admin: AdminDep,
                response: Response) -> JobOut:
    directory = Path(settings.backup_dir).resolve() / body.name
    if directory.exists() and any(directory.iterdir()):
        raise InvalidInput(f"backup folder {body.name!r} exists and is not empty")
    job = board(store).submit("back-up", body.name, admin.name, lambda job: _backup(store, directory, admin.subject))
    return _accepted(response, job)


@router.get("/jobs", response_model=JobList, summary="Beheertaken, nieuwste eerst")
def list_jobs(store: StoreDep, admin: AdminDep) -> JobList:
    jobs = [_out(job) for job in board(store).all()]
    return JobList(total=len(jobs), items=jobs)


@router.get("/jobs/{job_id}", response_model=JobOut, summary="Eén beheertaak: status en voortgang")
def get_job(job_id: Annotated[str, PathParam(pattern=r"^[0-9a-f]{32}$")], store: StoreDep,
            admin: AdminDep) -> JobOut:
    return _out(board(store).get(job_id))


@router.get("/export", summary="De hele store als één bestand (beheer)", response_class=Response,
            responses={200: {"content": {"application/n-quads": {}}}})
def export_store(store: StoreDep, admin: AdminDep,
                 fmt: Annotated[str, Query(alias="format", description="nquads, trig, turtle, …")] = "nquads",
                 ) -> Response:
    if fmt != "nquads" and fmt not in FORMATS:
        raise InvalidInput(f"unknown export format {fmt!r}; known: nquads, {', '.join(FORMATS)}")
    media = "application/n-quads" if fmt == "nquads" else MEDIA_TYPES[fmt]
    with board(store).exclusive, store.state.write_lock:  # no job or proposal halfway: one consistent state
        body = backups.export(store, fmt)
    return Response(body, media_type=media)
