package io.branchline.renderer.models;

import java.util.List;

/**
 * One model found in a models folder, as {@code branchline models list|check} shows it.
 *
 * @param what     what it is, such as {@code "SD-Turbo UNet"} or {@code "style \"mosaic\""}
 * @param path     its file or folder, relative to the models folder, with {@code /}
 * @param sha256   the SHA-256 of the file (of a folder, of its manifest; see {@link ModelFiles#manifestHash})
 * @param bytes    its size on disk, side files included
 * @param problems what is wrong with it; empty when nothing is (or when it was listed, not checked)
 */
public record InstalledModel(String what, String path, String sha256, long bytes, List<String> problems) {

    public InstalledModel {
        problems = List.copyOf(problems);
    }

    public boolean ok() {
        return problems.isEmpty();
    }
}
