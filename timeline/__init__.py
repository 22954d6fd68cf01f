"""timeline: news articles and reports → an event-timeline knowledge graph.

Data flows one way: documents → spans and dates → events → RDF graph → query / view.
"""

__version__ = "0.1.0"
