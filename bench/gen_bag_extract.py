# ruff: noqa: E501  (the XML templates keep the real files' line layout)
"""Write a synthetic, schema-faithful BAG 2.0 verblijfsobject extract (VBO deelbestand).

The element layout copies the real LV BAG extract files (``0221VBO…-000001.xml``): root
``sl-bag-extract:bagStand`` with the same namespaces, one ``sl:stand`` per voorkomen, each with
hoofdadres, ``Historie:Voorkomen``, identificatie, a GML point, gebruiksdoel, oppervlakte,
status, documentdatum/-nummer and ``maaktDeelUitVan``. Identifiers are generated (gemeente
code + objecttypecode 01 + volgnummer), values are deterministic for a given size.

About 45 triples come out per verblijfsobject with 2 voorkomens, so
``--count 23000`` gives ≥ 1M triples (1,035,000).

    python bench/gen_bag_extract.py /tmp/9999VBO.xml --count 23000
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TextIO

HEADER = """<?xml version="1.0" encoding="UTF-8"?>
<sl-bag-extract:bagStand xmlns:DatatypenNEN3610="www.kadaster.nl/schemas/lvbag/imbag/datatypennen3610/v20200601" xmlns:Objecten="www.kadaster.nl/schemas/lvbag/imbag/objecten/v20200601"
                         xmlns:gml="http://www.opengis.net/gml/3.2" xmlns:Historie="www.kadaster.nl/schemas/lvbag/imbag/historie/v20200601"
                         xmlns:Objecten-ref="www.kadaster.nl/schemas/lvbag/imbag/objecten-ref/v20200601" xmlns:nen5825="www.kadaster.nl/schemas/lvbag/imbag/nen5825/v20200601"
                         xmlns:KenmerkInOnderzoek="www.kadaster.nl/schemas/lvbag/imbag/kenmerkinonderzoek/v20200601"
                         xmlns:selecties-extract="http://www.kadaster.nl/schemas/lvbag/extract-selecties/v20200601"
                         xmlns:sl-bag-extract="http://www.kadaster.nl/schemas/lvbag/extract-deelbestand-lvc/v20200601" xmlns:sl="http://www.kadaster.nl/schemas/standlevering-generiek/1.0"
                         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xs="http://www.w3.org/2001/XMLSchema">
    <sl-bag-extract:bagInfo>
        <selecties-extract:Gebied-Registratief>
            <selecties-extract:Gebied-GEM>
                <selecties-extract:GemeenteCollectie>
                    <selecties-extract:Gemeente>
                        <selecties-extract:GemeenteIdentificatie>{gemeente}</selecties-extract:GemeenteIdentificatie>
                    </selecties-extract:Gemeente>
                </selecties-extract:GemeenteCollectie>
            </selecties-extract:Gebied-GEM>
        </selecties-extract:Gebied-Registratief>
        <selecties-extract:LVC-Extract>
            <selecties-extract:StandTechnischeDatum>2020-09-15</selecties-extract:StandTechnischeDatum>
        </selecties-extract:LVC-Extract>
    </sl-bag-extract:bagInfo>
    <sl:standBestand>
        <sl:dataset>LVBAG</sl:dataset>
        <sl:inhoud>
            <sl:gebied>GEMEENTE</sl:gebied>
            <sl:leveringsId>0000000001</sl:leveringsId>
            <sl:objectTypen>
                <sl:objectType>VBO</sl:objectType>
            </sl:objectTypen>
        </sl:inhoud>
"""

STAND = """        <sl:stand>
            <sl-bag-extract:bagObject>
                <Objecten:Verblijfsobject>
                    <Objecten:heeftAlsHoofdadres>
                        <Objecten-ref:NummeraanduidingRef domein="NL.IMBAG.Nummeraanduiding">{num}</Objecten-ref:NummeraanduidingRef>
                    </Objecten:heeftAlsHoofdadres>
                    <Objecten:voorkomen>
                        <Historie:Voorkomen>
                            <Historie:voorkomenidentificatie>{nr}</Historie:voorkomenidentificatie>
                            <Historie:beginGeldigheid>{begin}</Historie:beginGeldigheid>
{eind}                            <Historie:tijdstipRegistratie>{begin}T10:00:00.000</Historie:tijdstipRegistratie>
                            <Historie:BeschikbaarLV>
                                <Historie:tijdstipRegistratieLV>{begin}T10:15:00.000</Historie:tijdstipRegistratieLV>
                            </Historie:BeschikbaarLV>
                        </Historie:Voorkomen>
                    </Objecten:voorkomen>
                    <Objecten:identificatie domein="NL.IMBAG.Verblijfsobject">{vbo}</Objecten:identificatie>
                    <Objecten:geometrie>
                        <Objecten:punt>
                            <gml:Point srsName="urn:ogc:def:crs:EPSG::28992" srsDimension="3" gml:id="VBO_{vbo}_{nr}">
                                <gml:pos>{x:.3f} {y:.3f} 0.0</gml:pos>
                            </gml:Point>
                        </Objecten:punt>
                    </Objecten:geometrie>
                    <Objecten:gebruiksdoel>{doel}</Objecten:gebruiksdoel>
                    <Objecten:oppervlakte>{opp}</Objecten:oppervlakte>
                    <Objecten:status>{status}</Objecten:status>
                    <Objecten:geconstateerd>N</Objecten:geconstateerd>
                    <Objecten:documentdatum>{begin}</Objecten:documentdatum>
                    <Objecten:documentnummer>GEN/{vbo}/{nr}</Objecten:documentnummer>
                    <Objecten:maaktDeelUitVan>
                        <Objecten-ref:PandRef domein="NL.IMBAG.Pand">{pand}</Objecten-ref:PandRef>
                    </Objecten:maaktDeelUitVan>
                </Objecten:Verblijfsobject>
            </sl-bag-extract:bagObject>
        </sl:stand>
"""

FOOTER = """    </sl:standBestand>
</sl-bag-extract:bagStand>
"""

_DOELEN = ("woonfunctie", "kantoorfunctie", "winkelfunctie", "industriefunctie")
_EIND = "                            <Historie:eindGeldigheid>{d}</Historie:eindGeldigheid>\n" \
        "                            <Historie:eindRegistratie>{d}T10:00:00.000" \
        "</Historie:eindRegistratie>\n"


def _write_object(out: TextIO, gemeente: str, index: int, voorkomens: int) -> None:
    vbo = f"{gemeente}01{index:010d}"
    num = f"{gemeente}20{index:010d}"
    pand = f"{gemeente}10{index // 4:010d}"
    for nr in range(1, voorkomens + 1):
        year = 2000 + nr
        last = nr == voorkomens
        out.write(STAND.format(
            num=num, nr=nr, begin=f"{year}-01-01", vbo=vbo, pand=pand,
            eind="" if last else _EIND.format(d=f"{year + 1}-01-01"),
            x=100000 + index % 1000 * 10.5, y=400000 + index // 1000 * 10.5,
            doel=_DOELEN[index % len(_DOELEN)], opp=20 + (index * 7 + nr) % 400,
            status="Verblijfsobject in gebruik" if last else "Verblijfsobject gevormd",
        ))


def write_extract(path: Path, count: int, *, voorkomens: int = 2, gemeente: str = "9999") -> None:
    """Write ``count`` verblijfsobjecten with ``voorkomens`` versions each to ``path``."""
    if len(gemeente) != 4 or not gemeente.isdigit():
        raise ValueError("gemeente must be a 4-digit gemeentecode")
    with path.open("w", encoding="utf-8") as out:
        out.write(HEADER.format(gemeente=gemeente))
        for index in range(1, count + 1):
            _write_object(out, gemeente, index, voorkomens)
        out.write(FOOTER)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", type=Path)
    parser.add_argument("--count", type=int, default=23000, help="number of verblijfsobjecten")
    parser.add_argument("--voorkomens", type=int, default=2, help="voorkomens per object")
    parser.add_argument("--gemeente", default="9999", help="4-digit gemeentecode for the ids")
    args = parser.parse_args()
    write_extract(args.output, args.count, voorkomens=args.voorkomens, gemeente=args.gemeente)


if __name__ == "__main__":
    main()
