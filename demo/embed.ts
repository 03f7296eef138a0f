// An intranet page imports the built module; in this repository that is the source entry.
import '../src/index.js';
