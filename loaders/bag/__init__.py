"""BAG 2.0 loader: extract and mutation XML, streamed, with the official BAG IRIs.

Modules: ``stream`` (the XML, pulled in chunks, DTDs refused), ``records`` (which fields each
object type has), ``geometry`` (GML to WKT) and ``loader`` (the triples).
"""

from loaders.bag.loader import BAG_LOADER, detect_bag, load_bag

__all__ = ["BAG_LOADER", "detect_bag", "load_bag"]
