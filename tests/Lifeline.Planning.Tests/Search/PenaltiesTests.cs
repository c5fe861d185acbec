using Lifeline.Planning.Search;

namespace Lifeline.Planning.Tests.Search;

public class PenaltiesTests
{
    [Theory]
    [InlineData(0.00, 15.0)]
    [InlineData(0.10, 12.0)]
    [InlineData(0.20, 10.0)]
    [InlineData(0.40, 8.5)]
    [InlineData(1.00, 7.0)]
    public void Prices_move_further_the_further_the_feasible_share_is_from_the_target(double share, double next)
    {
        Assert.Equal(next, Penalties.Adapted(10, share, target: 0.2), 9);
    }

    [Fact]
    public void Prices_stay_within_their_bounds()
    {
        Assert.Equal(100_000, Penalties.Adapted(90_000, 0, 0.2));
        Assert.Equal(0.1, Penalties.Adapted(0.12, 1, 0.2));
    }
}
