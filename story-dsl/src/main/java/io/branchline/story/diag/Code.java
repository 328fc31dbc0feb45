package io.branchline.story.diag;

/**
 * The stable codes of every diagnostic the checker reports. A code never changes its
 * meaning once released; {@code docs/diagnostics.md} documents each with an example.
 */
public enum Code {
    // Reading files
    BL0001(Severity.ERROR, "file cannot be read"),
    BL0002(Severity.ERROR, "file too large"),
    BL0003(Severity.ERROR, "not a text file"),
    BL0004(Severity.ERROR, "story has no scenes"),
    // Characters and tokens
    BL0010(Severity.ERROR, "unexpected character"),
    BL0011(Severity.ERROR, "unterminated string"),
    BL0012(Severity.ERROR, "unknown escape in a string"),
    BL0013(Severity.ERROR, "unterminated comment"),
    BL0014(Severity.ERROR, "malformed number or duration"),
    BL0015(Severity.ERROR, "malformed interpolation"),
    // Syntax
    BL0020(Severity.ERROR, "syntax error"),
    BL0021(Severity.ERROR, "unknown header"),
    BL0022(Severity.ERROR, "header given twice"),
    BL0023(Severity.ERROR, "header, include or var in the wrong place"),
    BL0024(Severity.ERROR, "malformed header value"),
    BL0025(Severity.ERROR, "nested too deeply"),
    BL0026(Severity.ERROR, "unbalanced if/elif/else/end"),
    BL0027(Severity.ERROR, "misplaced or repeated shot modifier"),
    BL0028(Severity.ERROR, "statement outside a scene"),
    BL0029(Severity.ERROR, "keyword used as a name"),
    // Names
    BL0030(Severity.ERROR, "unknown scene"),
    BL0031(Severity.ERROR, "duplicate scene"),
    BL0032(Severity.ERROR, "unknown variable"),
    BL0033(Severity.ERROR, "duplicate variable"),
    BL0034(Severity.ERROR, "missing asset"),
    BL0035(Severity.ERROR, "path leaves the story's folder"),
    BL0036(Severity.ERROR, "asset is not what it claims to be"),
    BL0037(Severity.ERROR, "missing include"),
    BL0038(Severity.ERROR, "include cycle"),
    BL0039(Severity.ERROR, "depth map on a shot that is not an image"),
    // Types
    BL0040(Severity.ERROR, "type error"),
    BL0041(Severity.ERROR, "interpolation not allowed here"),
    // Flow
    BL0050(Severity.ERROR, "scene path without a terminal"),
    BL0051(Severity.ERROR, "statement after a terminal"),
    BL0052(Severity.ERROR, "choice without options"),
    BL0053(Severity.ERROR, "default is not one of the choice's targets"),
    BL0054(Severity.ERROR, "scenes that can loop forever without video"),
    // Ranges
    BL0060(Severity.ERROR, "duration out of range"),
    BL0061(Severity.ERROR, "format out of range"),
    BL0062(Severity.ERROR, "number out of range"),
    BL0063(Severity.ERROR, "malformed colour"),
    BL0064(Severity.ERROR, "malformed language tag"),
    BL0065(Severity.ERROR, "clip range is empty"),
    // Prompt policy: reported when the engine's policy checks the prompts (branchline check, the server)
    BL0070(Severity.ERROR, "prompt names a real person"),
    BL0071(Severity.ERROR, "prompt sexualises minors"),
    BL0072(Severity.ERROR, "prompt asks for instructions for harm"),
    // Warnings
    BL0100(Severity.WARNING, "unreachable scene"),
    BL0101(Severity.WARNING, "variable never read"),
    BL0102(Severity.WARNING, "choice options may all be hidden"),
    BL0103(Severity.WARNING, "story can never end"),
    BL0104(Severity.WARNING, "choice window longer than the scene's video"),
    BL0105(Severity.WARNING, "transition longer than its shot"),
    BL0106(Severity.WARNING, "asset's extension does not match its content"),
    BL0107(Severity.WARNING, "real person allowed without a consent record"),
    BL0108(Severity.WARNING, "depth map's shape differs from its image's");

    private final Severity severity;
    private final String title;

    Code(Severity severity, String title) {
        this.severity = severity;
        this.title = title;
    }

    public Severity severity() {
        return severity;
    }

    /** A few words naming the problem, as in the catalogue's headings. */
    public String title() {
        return title;
    }
}
