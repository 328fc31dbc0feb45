package io.branchline.story.parse;

/**
 * Thrown inside the parser to unwind to the start of the next line once a syntax error
 * has been reported (panic mode). It never leaves the parser.
 */
final class ParseError extends RuntimeException {
    ParseError() {
        super(null, null, false, false);
    }
}
