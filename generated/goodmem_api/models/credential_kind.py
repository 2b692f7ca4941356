from enum import Enum


class CredentialKind(str, Enum):
    """Which authentication strategy a credentials object uses."""

    CREDENTIAL_KIND_API_KEY = "CREDENTIAL_KIND_API_KEY"
    CREDENTIAL_KIND_GCP_ADC = "CREDENTIAL_KIND_GCP_ADC"

    def __str__(self) -> str:
        return str(self.value)
