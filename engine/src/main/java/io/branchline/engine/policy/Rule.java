package io.branchline.engine.policy;

import io.branchline.story.diag.Code;

/** The three things no prompt may ask for; each is a data file under {@code policy/}. */
public enum Rule {
    /** A real, named person in a generated shot (unless the story records their consent). */
    PERSON("people.txt", Code.BL0070, "names a real person"),
    /** Sexual content involving minors. */
    MINORS("minors.rule", Code.BL0071, "sexualises minors"),
    /** Instructions for harming people (weapons, poisons, drugs, self-harm). */
    HARM("harm.rule", Code.BL0072, "asks for instructions for harm");

    private final String file;
    private final Code code;
    private final String words;

    Rule(String file, Code code, String words) {
        this.file = file;
        this.code = code;
        this.words = words;
    }

    /** The data file of the rule, in the policy folder. */
    public String file() {
        return file;
    }

    /** The diagnostic a story's prompt gets. */
    public Code code() {
        return code;
    }

    /** What a prompt that breaks the rule does, as in "the prompt names a real person". */
    public String words() {
        return words;
    }
}
