namespace ModularAnalytics.ArchitectureTests.Fixtures.Sizes;

/// <summary>Longer than the limit the file-size rule's self-test uses (20 lines).</summary>
public enum GreekLetter
{
    Alpha,
    Beta,
    Gamma,
    Delta,
    Epsilon,
    Zeta,
    Eta,
    Theta,
    Iota,
    Kappa,
    Lambda,
    Mu,
    Nu,
    Xi,
    Omicron,
    Pi,
    Rho,
    Sigma,
    Tau,
}
