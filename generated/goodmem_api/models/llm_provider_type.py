from enum import Enum


class LLMProviderType(str, Enum):
    CUSTOM_OPENAI_COMPATIBLE = "CUSTOM_OPENAI_COMPATIBLE"
    LITELLM_PROXY = "LITELLM_PROXY"
    LLAMA_CPP = "LLAMA_CPP"
    OLLAMA = "OLLAMA"
    OPENAI = "OPENAI"
    OPEN_ROUTER = "OPEN_ROUTER"
    VLLM = "VLLM"

    def __str__(self) -> str:
        return str(self.value)
