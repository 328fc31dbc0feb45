package io.branchline.renderer.media;

/**
 * The camera move of an image shot over a picture, flat ({@link ImagePainter}) or in 2.5D
 * ({@link Parallax}): the picture scaled to cover the frame, then zoomed or panned with an eased
 * start and end. One place for the geometry, so both painters move the camera alike.
 */
final class CameraMove {

    /** Where the camera is at one moment of the move. */
    record View(double eased, double scale, double dx, double dy) {
        /** How far the move is from its middle, from -0.5 to 0.5. */
        double travel() {
            return eased - 0.5;
        }
    }

    final ImageMotion motion;
    final int width;
    final int height;
    /** The picture's centre, in picture pixels. */
    final double centreX;
    final double centreY;
    /** Frame pixels per picture pixel when the picture just covers the frame. */
    final double coverScale;
    final double zoomFrom;
    final double zoomTo;

    /** The move of {@code motion} over a picture of {@code iw}×{@code ih} in a frame of {@code width}×{@code height}. */
    CameraMove(ImageMotion motion, int iw, int ih, int width, int height) {
        this.motion = motion;
        this.width = width;
        this.height = height;
        this.centreX = iw / 2.0;
        this.centreY = ih / 2.0;
        this.coverScale = Math.max((double) width / iw, (double) height / ih);
        double panZoom = switch (motion) {
            case PAN_LEFT, PAN_RIGHT -> Math.max(1, (1 + ImagePainter.PAN) * width / (iw * coverScale));
            case PAN_UP, PAN_DOWN -> Math.max(1, (1 + ImagePainter.PAN) * height / (ih * coverScale));
            default -> 1;
        };
        this.zoomFrom = switch (motion) {
            case ZOOM_OUT -> ImagePainter.ZOOM;
            case ZOOM_IN, STILL -> 1;
            default -> panZoom;
        };
        this.zoomTo = switch (motion) {
            case ZOOM_IN -> ImagePainter.ZOOM;
            case ZOOM_OUT, STILL -> 1;
            default -> panZoom;
        };
    }

    /** The scale at the closest zoom of the move. */
    double closestScale() {
        return coverScale * Math.max(zoomFrom, zoomTo);
    }

    /**
     * The camera at {@code progress} (0 to 1 over the shot): the scale in frame pixels per
     * picture pixel, and the pan's shift of the frame's centre in frame pixels.
     */
    View at(double progress) {
        double eased = progress * progress * (3 - 2 * progress);
        double scale = coverScale * (zoomFrom + (zoomTo - zoomFrom) * eased);
        double travel = eased - 0.5;
        double dx = switch (motion) {
            case PAN_LEFT -> -travel * ImagePainter.PAN * width;
            case PAN_RIGHT -> travel * ImagePainter.PAN * width;
            default -> 0;
        };
        double dy = switch (motion) {
            case PAN_UP -> -travel * ImagePainter.PAN * height;
            case PAN_DOWN -> travel * ImagePainter.PAN * height;
            default -> 0;
        };
        return new View(eased, scale, dx, dy);
    }
}
