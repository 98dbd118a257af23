using SalesOps.Metrics.Delivery;

namespace SalesOps.Metrics.Tests.Hosting;

/// <summary>The building blocks of sink delivery: backoff with jitter, the circuit breaker, the log gate.</summary>
public sealed class DeliveryPolicyTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 16, 8, 30, 0, TimeSpan.Zero);

    [Test]
    public void RetryBackoff_NoJitter_DoublesFromTheBaseUpToTheCap()
    {
        var delays = Enumerable.Range(1, 8).Select(n => RetryBackoff.Delay(n, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), jitter: 0.2, random: 0).TotalSeconds);

        Assert.That(delays, Is.EqualTo(new double[] { 1, 2, 4, 8, 16, 30, 30, 30 }));
    }

    [Test]
    public void RetryBackoff_SeededJitter_StaysWithinItsFractionBelowTheNominalDelay_AndVaries()
    {
        var random = new Random(20261116);
        var delays = Enumerable.Range(0, 200).Select(_ => RetryBackoff.Delay(4, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), 0.2, random.NextDouble())).ToList();

        Assert.That(delays, Has.All.InRange(TimeSpan.FromSeconds(6.4), TimeSpan.FromSeconds(8)));
        Assert.That(delays.Distinct().Count(), Is.GreaterThan(150), "jitter spreads the retries");
    }

    [Test]
    public void RetryBackoff_ManyFailures_NeverOverflowsPastTheCap()
    {
        Assert.That(RetryBackoff.Delay(10_000, TimeSpan.FromDays(1), TimeSpan.FromDays(1), 0, 0), Is.EqualTo(TimeSpan.FromDays(1)));
    }

    [Test]
    public void CircuitBreaker_ThresholdReached_OpensForTheBreak_ThenHalfOpen_FailedProbeReopens_SuccessCloses()
    {
        var breaker = new CircuitBreaker(failureThreshold: 3, breakDuration: TimeSpan.FromSeconds(30));

        Assert.That(breaker.OnFailure(T0, 1), Is.False);
        Assert.That(breaker.OnFailure(T0, 2), Is.False);
        Assert.That(breaker.StateAt(T0), Is.EqualTo(CircuitState.Closed));
        Assert.That(breaker.OnFailure(T0, 3), Is.True);
        Assert.That((breaker.StateAt(T0.AddSeconds(29)), breaker.RemainingBreak(T0.AddSeconds(29))), Is.EqualTo((CircuitState.Open, TimeSpan.FromSeconds(1))));
        Assert.That((breaker.StateAt(T0.AddSeconds(30)), breaker.RemainingBreak(T0.AddSeconds(30))), Is.EqualTo((CircuitState.HalfOpen, TimeSpan.Zero)));
        Assert.That(breaker.OnFailure(T0.AddSeconds(30), 4), Is.True, "a failed probe reopens at once");
        Assert.That(breaker.OpenUntil, Is.EqualTo(T0.AddSeconds(60)));
        breaker.OnSuccess();
        Assert.That(breaker.StateAt(T0.AddSeconds(60)), Is.EqualTo(CircuitState.Closed));
    }

    [Test]
    public void LogGate_FailuresWithinThePeriod_AreHeldBackAndCountedInTheNextLine()
    {
        var gate = new LogGate(TimeSpan.FromMinutes(1));
        var passed = new List<(int Second, int Suppressed)>();
        foreach (var second in new[] { 0, 10, 20, 59, 60, 61, 130 })
        {
            if (gate.TryPass(T0.AddSeconds(second), out var suppressed))
            {
                passed.Add((second, suppressed));
            }
        }

        Assert.That(passed, Is.EqualTo(new[] { (0, 0), (60, 3), (130, 1) }));
        Assert.That(gate.TakeSuppressed(), Is.Zero);
    }
}
