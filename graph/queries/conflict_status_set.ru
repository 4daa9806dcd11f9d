# Set the editorial status of one definition conflict (replaces its previous status record).
PREFIX stg: <https://stelselgraaf.nl/def#>
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
DELETE WHERE { GRAPH $graph { $conflict ?p ?o } } ;
INSERT DATA {
  GRAPH $graph {
    $conflict a stg:Definitieconflict ; stg:conflictType $type ; stg:conflictStatus $status ;
      dct:modified $modified ; skos:editorialNote $note .
  }
}
