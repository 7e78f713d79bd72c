/**
 * Weight-space averaging against the alignment tax (Lin et al., "Mitigating the Alignment Tax of
 * RLHF", EMNLP 2024, arXiv 2309.06256): interpolate a model before fine-tuning or RLHF with the
 * model after it, {@code theta(alpha) = (1 - alpha) theta_0 + alpha theta}, uniformly
 * ({@link io.frontier.rl.averaging.ModelAveraging#interpolate(io.frontier.nn.Module,
 * io.frontier.nn.Module, io.frontier.nn.Module, double)}) or with one ratio per block of
 * parameters (heterogeneous model averaging, {@link io.frontier.rl.averaging.ParameterBlocks}),
 * and sweep the ratio to trace the trade-off between the task kept and the task learned
 * ({@link io.frontier.rl.averaging.AveragingPoint}).
 */
package io.frontier.rl.averaging;
