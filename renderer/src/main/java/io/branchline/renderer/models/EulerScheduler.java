package io.branchline.renderer.models;

import java.util.Random;

/**
 * The Euler sampler of diffusers' {@code EulerAncestralDiscreteScheduler} (and, with
 * {@code ancestral} off, {@code EulerDiscreteScheduler}) over a scaled-linear beta schedule, as
 * SD-Turbo's model card runs it: betas from {@code sqrt(0.00085)} to {@code sqrt(0.012)} squared over
 * 1000 training steps, {@code sigma = sqrt((1 - alphaBar) / alphaBar)}, timesteps spaced as the
 * config says ({@code trailing} for SD-Turbo, so one step is timestep 999), the model's input
 * scaled by {@code 1 / sqrt(sigma² + 1)}.
 *
 * <p>For one step the ancestral and plain samplers agree: the last step goes to sigma 0, adds no
 * noise, and returns the model's estimate of the clean latents.
 *
 * @param trainSteps     the training steps of the schedule (1000)
 * @param betaStart      the first beta (0.00085)
 * @param betaEnd        the last beta (0.012)
 * @param spacing        {@code trailing}, {@code leading} or {@code linspace}
 * @param stepsOffset    added to {@code leading} timesteps (1 in Stable Diffusion's configs)
 * @param prediction     what the UNet predicts: {@code epsilon} or {@code v_prediction}
 * @param ancestral      whether each step but the last adds fresh noise (Euler ancestral)
 */
public record EulerScheduler(int trainSteps, double betaStart, double betaEnd, String spacing, int stepsOffset,
                             String prediction, boolean ancestral) {

    /** SD-Turbo's schedule, as its model card runs it. */
    public static final EulerScheduler SD_TURBO = new EulerScheduler(1000, 0.00085, 0.012, "trailing", 1, "epsilon", true);

    public EulerScheduler {
        if (!spacing.equals("trailing") && !spacing.equals("leading") && !spacing.equals("linspace")) {
            throw new IllegalArgumentException("timestep_spacing \"" + spacing + "\" is not supported; expected trailing, leading or linspace");
        }
        if (!prediction.equals("epsilon") && !prediction.equals("v_prediction")) {
            throw new IllegalArgumentException("prediction_type \"" + prediction + "\" is not supported; expected epsilon or v_prediction");
        }
        if (trainSteps < 2) {
            throw new IllegalArgumentException("num_train_timesteps must be at least 2, not " + trainSteps);
        }
    }

    /** {@code alphaBar[t]}, the product of {@code 1 - beta} up to training step {@code t}. */
    public double[] alphasCumprod() {
        double[] alphaBar = new double[trainSteps];
        double from = Math.sqrt(betaStart);
        double to = Math.sqrt(betaEnd);
        double product = 1;
        for (int t = 0; t < trainSteps; t++) {
            double root = from + (to - from) * t / (trainSteps - 1);
            product *= 1 - root * root;
            alphaBar[t] = product;
        }
        return alphaBar;
    }

    /** The timesteps of a run of {@code steps} steps, highest first ({@code linspace} may give fractions). */
    public double[] timesteps(int steps) {
        if (steps < 1 || steps > trainSteps) {
            throw new IllegalArgumentException("steps must be from 1 to " + trainSteps + ", not " + steps);
        }
        double[] timesteps = new double[steps];
        for (int i = 0; i < steps; i++) {
            timesteps[i] = switch (spacing) {
                // np.round(np.arange(T, 0, -T / steps)) - 1
                case "trailing" -> Math.rint(trainSteps - i * (double) trainSteps / steps) - 1;
                // np.arange(0, steps) * (T // steps), reversed, + offset
                case "leading" -> (double) (steps - 1 - i) * (trainSteps / steps) + stepsOffset;
                // np.linspace(0, T - 1, steps), reversed
                default -> steps == 1 ? 0 : (trainSteps - 1) * (double) (steps - 1 - i) / (steps - 1);
            };
        }
        return timesteps;
    }

    /** The sigmas of a run: one per timestep (interpolated between training steps, as np.interp does), then 0. */
    public double[] sigmas(int steps) {
        double[] alphaBar = alphasCumprod();
        double[] timesteps = timesteps(steps);
        double[] sigmas = new double[steps + 1];
        for (int i = 0; i < steps; i++) {
            double t = Math.max(0, Math.min(timesteps[i], trainSteps - 1));
            int below = (int) Math.floor(t);
            int above = Math.min(below + 1, trainSteps - 1);
            double low = Math.sqrt((1 - alphaBar[below]) / alphaBar[below]);
            double high = Math.sqrt((1 - alphaBar[above]) / alphaBar[above]);
            sigmas[i] = low + (high - low) * (t - below);
        }
        return sigmas;
    }

    /** What the first latents' unit noise is multiplied by. */
    public double initNoiseSigma(int steps) {
        double max = sigmas(steps)[0];
        return spacing.equals("leading") ? Math.sqrt(max * max + 1) : max;
    }

    /** What the latents are multiplied by before the UNet sees them at step {@code sigma}. */
    public static double inputScale(double sigma) {
        return 1 / Math.sqrt(sigma * sigma + 1);
    }

    /**
     * One step, in place: from {@code sample} at {@code sigma} to the next sigma, given the UNet's
     * output.
     *
     * @param noise where the ancestral step draws fresh noise (not touched on the last step)
     */
    public void step(float[] sample, float[] modelOutput, double sigma, double sigmaNext, Random noise) {
        double sigmaUp = 0;
        double sigmaDown = sigmaNext;
        if (ancestral && sigmaNext > 0) {
            sigmaUp = Math.sqrt(sigmaNext * sigmaNext * (sigma * sigma - sigmaNext * sigmaNext) / (sigma * sigma));
            sigmaDown = Math.sqrt(sigmaNext * sigmaNext - sigmaUp * sigmaUp);
        }
        double dt = sigmaDown - sigma;
        double vScale = -sigma / Math.sqrt(sigma * sigma + 1);
        double vKeep = 1 / (sigma * sigma + 1);
        boolean v = prediction.equals("v_prediction");
        for (int i = 0; i < sample.length; i++) {
            double x = sample[i];
            double clean = v ? modelOutput[i] * vScale + x * vKeep : x - sigma * modelOutput[i];
            double derivative = (x - clean) / sigma;
            double next = x + derivative * dt;
            if (sigmaUp > 0) {
                next += noise.nextGaussian() * sigmaUp;
            }
            sample[i] = (float) next;
        }
    }
}
