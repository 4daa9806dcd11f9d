# Re-base a proposal onto the current versions: new before/after states and basis, atomically.
PREFIX stg: <https://stelselgraaf.nl/def#>
DELETE { GRAPH $meta { $proposal stg:voorAfbeelding ?before } }
WHERE { GRAPH $meta { $proposal stg:voorAfbeelding ?before } } ;
DELETE { GRAPH $meta { $proposal stg:naAfbeelding ?after } }
WHERE { GRAPH $meta { $proposal stg:naAfbeelding ?after } } ;
DELETE { GRAPH $meta { $proposal stg:gebaseerdOpVersie ?version } }
WHERE { GRAPH $meta { $proposal stg:gebaseerdOpVersie ?version } } ;
INSERT DATA { $data }
