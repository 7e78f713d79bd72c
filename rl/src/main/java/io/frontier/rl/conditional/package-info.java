/**
 * Conditioning a causal language model ({@link io.frontier.nn.GPT}) on a control prefix, at
 * training time and at decoding time: conditional training on control tokens chosen by a
 * misalignment score, decoded conditioned on the aligned token with the control tokens blocked
 * ({@link io.frontier.rl.conditional.ConditionalTraining}, Korbak et al. 2023), and
 * classifier-free guidance, which mixes the conditional and unconditional next-token
 * distributions of one model trained with condition dropout
 * ({@link io.frontier.rl.conditional.ClassifierFreeGuidance}, Kornblith et al. 2023).
 */
package io.frontier.rl.conditional;
