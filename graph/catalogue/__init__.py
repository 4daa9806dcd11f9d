"""The DCAT-AP-NL 3.0 catalogue of this Stelselgraaf: the registers, every loaded source and the
service's own APIs, for harvesters such as data.overheid.nl.

``model`` (the catalogue as dataclasses), ``build`` (assembled from the seed's registers and the
load records, cached per store generation), ``rdf`` (the DCAT triples), ``vocabularies`` (the value
lists the profile requires: EU themes, access rights, language, file types; the licence list).
"""

from graph.catalogue.build import catalogue
from graph.catalogue.model import Agent, Catalogue, Contact, DataService, Dataset, Distribution, Law
from graph.catalogue.rdf import PREFIXES_CATALOGUE, catalogue_triples
from graph.catalogue.vocabularies import ACCESS_RIGHTS, LICENCES, THEMES

__all__ = ["ACCESS_RIGHTS", "LICENCES", "PREFIXES_CATALOGUE", "THEMES", "Agent", "Catalogue", "Contact", "DataService",
           "Dataset", "Distribution", "Law", "catalogue", "catalogue_triples"]
