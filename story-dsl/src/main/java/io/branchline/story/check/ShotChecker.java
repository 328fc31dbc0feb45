package io.branchline.story.check;

import io.branchline.story.ast.Duration;
import io.branchline.story.ast.Stmt;
import io.branchline.story.ast.StoryFile;
import io.branchline.story.ast.Walk;
import io.branchline.story.diag.Code;
import io.branchline.story.diag.Diagnostics;
import java.util.List;
import java.util.regex.Pattern;

/** Ranges and forms of everything a shot line and its modifiers hold. */
final class ShotChecker {

    static final long MIN_SHOT_MS = 100;
    static final long MAX_SHOT_MS = 10 * 60 * 1000;
    private static final Pattern COLOR = Pattern.compile("#[0-9A-Fa-f]{6}");

    private ShotChecker() {
    }

    static void check(List<StoryFile> files, Diagnostics diagnostics) {
        for (StoryFile file : files) {
            for (StoryFile.Scene scene : file.scenes()) {
                Walk.statements(scene.body(), s -> {
                    if (s instanceof Stmt.Shot shot) {
                        shot(shot, diagnostics);
                    }
                });
            }
        }
    }

    private static void shot(Stmt.Shot shot, Diagnostics diagnostics) {
        Duration length = shot.duration();
        if (length.millis() < MIN_SHOT_MS || length.millis() > MAX_SHOT_MS) {
            diagnostics.report(Code.BL0060, length.span(), "a shot lasts from 100ms to 10 minutes, but this one is " + length.span().text());
        }
        if (shot.source() instanceof Stmt.Color c && !COLOR.matcher(c.hex()).matches()) {
            diagnostics.report(Code.BL0063, c.span(), "'" + c.hex() + "' is not a colour; expected #RRGGBB in hexadecimal, such as \"#101018\"");
        }
        if (shot.source() instanceof Stmt.Clip clip) {
            long from = clip.from() == null ? 0 : clip.from().rounded();
            if (clip.to() != null && clip.to().rounded() <= from) {
                diagnostics.report(Code.BL0065, clip.to().span(), "the clip ends (to " + clip.to().span().text()
                        + ") before it starts (from " + (clip.from() == null ? "0s" : clip.from().span().text()) + "); 'to' must be later than 'from'");
            }
        }
        Stmt.Transition t = shot.transition();
        if (t != null && t.duration() != null) {
            double ms = t.duration().millis();
            if (ms <= 0 || ms > MAX_SHOT_MS) {
                diagnostics.report(Code.BL0060, t.duration().span(), "a " + t.kind() + " lasts more than 0ms and at most 10 minutes, but this one is "
                        + t.duration().span().text());
            } else if (ms > length.millis()) {
                diagnostics.report(Code.BL0105, t.duration().span(), "the " + t.kind() + " (" + t.duration().span().text()
                        + ") is longer than its shot (" + length.span().text() + "); it will be cut to the shot's length");
            }
        }
        if (shot.audio() != null && shot.audio().volume() != null) {
            double v = shot.audio().volume();
            if (v < 0 || v > 1) {
                diagnostics.report(Code.BL0062, shot.audio().volumeSpan(), "volume must be from 0 to 1, but is " + shot.audio().volumeSpan().text());
            }
        }
    }
}
