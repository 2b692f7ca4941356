from enum import Enum


class LLMProviderType(str, Enum):
    """The kind of service behind the endpoint. CUSTOM_OPENAI_COMPATIBLE covers any other OpenAI-compatible API, such as
    Anthropic's, Google Gemini's or Mistral's."""

    CUSTOM_OPENAI_COMPATIBLE = "CUSTOM_OPENAI_COMPATIBLE"
    LITELLM_PROXY = "LITELLM_PROXY"
    LLAMA_CPP = "LLAMA_CPP"
    OLLAMA = "OLLAMA"
    OPENAI = "OPENAI"
    OPEN_ROUTER = "OPEN_ROUTER"
    VLLM = "VLLM"

    def __str__(self) -> str:
        return str(self.value)
