package io.branchline.renderer.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The sampler against diffusers' formulas, with figures computed by numpy from the same definitions. */
class EulerSchedulerTest {

    final EulerScheduler turbo = EulerScheduler.SD_TURBO;

    @Test
    void oneStepIsTimestep999AtSigmaAbout14_6() {
        assertArrayEquals(new double[] {999}, turbo.timesteps(1));
        // numpy: linspace(sqrt(.00085), sqrt(.012), 1000)**2 → cumprod(1 - b) → sqrt((1 - a) / a) at 999
        assertEquals(14.614641229333639, turbo.sigmas(1)[0], 1e-9);
        assertEquals(0.004660098513077238, turbo.alphasCumprod()[999], 1e-12);
        assertEquals(0, turbo.sigmas(1)[1]);
        // trailing spacing: the first latents are unit noise times sigma itself
        assertEquals(14.614641229333639, turbo.initNoiseSigma(1), 1e-9);
    }

    @Test
    void fourTrailingStepsAndTheirSigmas() {
        assertArrayEquals(new double[] {999, 749, 499, 249}, turbo.timesteps(4));
        double[] sigmas = turbo.sigmas(4);
        assertEquals(4.081729363724308, sigmas[1], 1e-9);
        assertEquals(1.612886194303876, sigmas[2], 1e-9);
        assertEquals(0.6932048996386885, sigmas[3], 1e-9);
    }

    @Test
    void leadingSpacingAddsTheOffsetAndInflatesTheFirstNoise() {
        EulerScheduler leading = new EulerScheduler(1000, 0.00085, 0.012, "leading", 1, "epsilon", true);
        assertArrayEquals(new double[] {751, 501, 251, 1}, leading.timesteps(4));
        double max = leading.sigmas(4)[0];
        assertEquals(Math.sqrt(max * max + 1), leading.initNoiseSigma(4), 1e-12);
    }

    @Test
    void theLastStepReturnsTheModelsCleanEstimateWithoutNoise() {
        double sigma = turbo.sigmas(1)[0];
        float[] sample = {10f, -3f, 0.5f};
        float[] eps = {0.7f, -0.2f, 0.03f};
        float[] expected = new float[3];
        for (int i = 0; i < 3; i++) {
            expected[i] = (float) (sample[i] - sigma * eps[i]);   // x0 = x - sigma * eps
        }
        turbo.step(sample, eps, sigma, 0, new Random(1));
        assertArrayEquals(expected, sample, 1e-5f);
    }

    @Test
    void anAncestralStepGoesToSigmaDownAndAddsSigmaUpOfNoise() {
        double from = 4.0;
        double to = 1.5;
        double up = Math.sqrt(to * to * (from * from - to * to) / (from * from));
        double down = Math.sqrt(to * to - up * up);
        float[] sample = {2f};
        float[] eps = {0.5f};
        double clean = 2 - from * 0.5;
        double noise = new Random(3).nextGaussian();
        double expected = 2 + (2 - clean) / from * (down - from) + noise * up;
        turbo.step(sample, eps, from, to, new Random(3));
        assertEquals(expected, sample[0], 1e-5);

        EulerScheduler plain = new EulerScheduler(1000, 0.00085, 0.012, "trailing", 1, "epsilon", false);
        float[] again = {2f};
        plain.step(again, eps, from, to, new Random(3));
        assertEquals(2 + 0.5 * (to - from), again[0], 1e-5);
    }

    @Test
    void vPredictionEstimatesTheCleanSampleAsDiffusersDoes() {
        EulerScheduler v = new EulerScheduler(1000, 0.00085, 0.012, "trailing", 1, "v_prediction", true);
        double sigma = 3;
        float[] sample = {1f};
        float[] out = {0.25f};
        double clean = 0.25 * (-sigma / Math.sqrt(sigma * sigma + 1)) + 1 / (sigma * sigma + 1);
        v.step(sample, out, sigma, 0, new Random(1));
        assertEquals(clean, sample[0], 1e-6);
    }

    @Test
    void inputScaleIsOneOverRootOfSigmaSquaredPlusOne() {
        assertEquals(1 / Math.sqrt(14.614641229333639 * 14.614641229333639 + 1), EulerScheduler.inputScale(14.614641229333639), 1e-15);
    }
}
