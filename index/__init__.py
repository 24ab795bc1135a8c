"""Reading documents and building the index: readers, names layer, gazetteer, entity extraction."""
