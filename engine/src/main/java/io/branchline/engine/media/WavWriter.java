package io.branchline.engine.media;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Encodes interleaved stereo float samples as a 16-bit PCM WAV file at {@link Synth#RATE}. */
final class WavWriter {

    static final int CHANNELS = 2;
    static final int BITS = 16;

    private WavWriter() {
    }

    static byte[] wav(float[] interleaved) {
        if (interleaved.length % CHANNELS != 0) {
            throw new IllegalArgumentException("stereo samples come in pairs");
        }
        int data = interleaved.length * BITS / 8;
        ByteBuffer b = ByteBuffer.allocate(44 + data).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {'R', 'I', 'F', 'F'}).putInt(36 + data).put(new byte[] {'W', 'A', 'V', 'E'});
        b.put(new byte[] {'f', 'm', 't', ' '}).putInt(16)
                .putShort((short) 1)                                   // PCM
                .putShort((short) CHANNELS)
                .putInt(Synth.RATE)
                .putInt(Synth.RATE * CHANNELS * BITS / 8)               // bytes a second
                .putShort((short) (CHANNELS * BITS / 8))                // bytes a sample frame
                .putShort((short) BITS);
        b.put(new byte[] {'d', 'a', 't', 'a'}).putInt(data);
        for (float v : interleaved) {
            double clipped = v < -1 ? -1 : v > 1 ? 1 : v;
            b.putShort((short) StrictMath.round(clipped * 32767));
        }
        return b.array();
    }
}
