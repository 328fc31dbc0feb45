package io.branchline.renderer.mark;

import java.util.Optional;

/**
 * What a {@link WatermarkReader} made of the frames it was given.
 *
 * @param payload  the payload, when a bit string whose CRC holds was read with enough strength
 * @param frames   frames looked at
 * @param strength the mean strength of the bits, in standard deviations of what unmarked video
 *                 gives (about 0.8 there; a clear mark reads well above {@link WatermarkReader#MIN_STRENGTH})
 * @param flipped  bits error correction had to flip to make the CRC hold (0 when none was needed or nothing was found)
 */
public record MarkReading(Optional<MarkPayload> payload, int frames, double strength, int flipped) {

    public boolean found() {
        return payload.isPresent();
    }
}
