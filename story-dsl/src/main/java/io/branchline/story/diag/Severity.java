package io.branchline.story.diag;

/** How bad a diagnostic is: an error stops a story from being served, a warning does not. */
public enum Severity {
    ERROR, WARNING;

    public String word() {
        return this == ERROR ? "error" : "warning";
    }
}
