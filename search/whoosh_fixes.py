"""Whoosh query classes with the repairs Frontline's queries need; each says what it repairs.

``AndNot``: Whoosh's AndNotMatcher, when it starts, drops the first document of ``a`` only if the
first document of ``b`` is that very document; a ``b`` whose first document comes earlier never
removes it, so ``sanctions NOT Russia`` kept the first document naming Russia.

``SpanOr``: an And of spans asks its parts for a size estimate, which SpanOr lacks; and its
parts are its children, so ``leaves()`` (the size check, the snippets' terms) reaches them.
"""

from whoosh import query as wq
from whoosh.matching import AndNotMatcher
from whoosh.query import spans


class _AndNotMatcher(AndNotMatcher):
    def _find_first(self):
        if self.a.is_active() and self.b.is_active():
            self._find_next()  # moves b up to a, and a past every document b holds


class AndNot(wq.AndNot):
    """Documents of a that b does not match, scored as a."""

    def matcher(self, searcher, context=None):
        return _AndNotMatcher(self.a.matcher(searcher, context), self.b.matcher(searcher, searcher.boolean_context()))


class SpanOr(spans.SpanOr):
    def estimate_size(self, ixreader):
        return sum(q.estimate_size(ixreader) for q in self.subqs)

    def children(self):
        return iter(self.subqs)
