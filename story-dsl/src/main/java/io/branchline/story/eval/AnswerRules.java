package io.branchline.story.eval;

/** What a viewer's typed answer must be: 1 to 40 characters after trimming, no control characters. */
public final class AnswerRules {

    /** The most characters an answer may have. */
    public static final int MAX_LENGTH = 40;

    private AnswerRules() {
    }

    /** What is wrong with an answer (already trimmed), as the end of a sentence; null when it is fine. */
    public static String problem(String trimmed) {
        int length = trimmed.codePointCount(0, trimmed.length());
        if (length == 0) {
            return "is empty; expected 1 to " + MAX_LENGTH + " characters";
        }
        if (length > MAX_LENGTH) {
            return "is " + length + " characters long; expected at most " + MAX_LENGTH;
        }
        if (trimmed.codePoints().anyMatch(Character::isISOControl)) {
            return "holds a control character; expected plain text";
        }
        return null;
    }
}
