# Set a proposal's status and add quads (the review or withdrawal and its audit record), atomically.
PREFIX stg: <https://stelselgraaf.nl/def#>
DELETE { GRAPH $meta { $proposal stg:voorstelStatus ?status } }
WHERE { GRAPH $meta { $proposal stg:voorstelStatus ?status } } ;
INSERT DATA { $data }
