"""The Pipecat handlers run through Pipecat's own function-call path (``LLMService.run_function_calls`` in a
running pipeline, results as ``FunctionCallResultFrame``s), no LLM, against a real voicecart on loopback."""

from __future__ import annotations

import asyncio
import json
import warnings
from dataclasses import dataclass
from typing import Any

import pytest

from app.agents.client import CartSession, ToolEndpoint
from tests.agents import conversation
from tests.agents.conftest import restart
from tests.servers import ServerProcess

with warnings.catch_warnings():  # pipecat's own import of audioop (deprecated in 3.11), not ours
    warnings.filterwarnings("ignore", "'audioop' is deprecated", DeprecationWarning)
    pytest.importorskip("pipecat.services.llm_service", reason="the pipecat extra is not installed")
from pipecat.frames.frames import (
    DataFrame,
    EndFrame,
    Frame,
    FunctionCallFromLLM,
    FunctionCallResultFrame,
)
from pipecat.pipeline.pipeline import Pipeline
from pipecat.pipeline.worker import PipelineWorker
from pipecat.processors.frame_processor import FrameDirection, FrameProcessor
from pipecat.services.llm_service import LLMService
from pipecat.workers.runner import WorkerRunner

from app.agents.pipecat import register

pytestmark = pytest.mark.slow  # importing pipecat alone takes seconds


@dataclass
class ModelCalls(DataFrame):
    """What a model's answer would carry: the function calls it asks for."""

    calls: list[FunctionCallFromLLM]


class ScriptedLLM(LLMService):
    """An LLM service whose "model" is the test: it runs the function calls it is handed, as a real one does."""

    async def process_frame(self, frame: Frame, direction: FrameDirection) -> None:
        await super().process_frame(frame, direction)
        if isinstance(frame, ModelCalls):
            await self.run_function_calls(frame.calls)
        else:
            await self.push_frame(frame, direction)


class Results(FrameProcessor):
    """The end of the pipeline: collects each ``FunctionCallResultFrame``."""

    def __init__(self) -> None:
        super().__init__()
        self.queue: asyncio.Queue[FunctionCallResultFrame] = asyncio.Queue()

    async def process_frame(self, frame: Frame, direction: FrameDirection) -> None:
        await super().process_frame(frame, direction)
        if isinstance(frame, FunctionCallResultFrame):
            await self.queue.put(frame)
        await self.push_frame(frame, direction)


def test_pipecat_handlers_keep_the_cart_for_the_pipeline_across_a_restart(voicecart: ServerProcess) -> None:
    async def main() -> None:
        endpoint = ToolEndpoint(voicecart.url, "demo-burger")
        llm = ScriptedLLM()
        session = CartSession()
        tools = register(llm, endpoint, await endpoint.specs(), session)
        assert [s.name for s in tools.standard_tools][:3] == ["find_menu_items", "get_item_details", "add_to_order"]
        results = Results()
        worker = PipelineWorker(Pipeline([llm, results]), cancel_on_idle_timeout=False)
        started = asyncio.Event()

        @worker.event_handler("on_pipeline_started")
        async def on_started(worker: PipelineWorker, frame: Frame) -> None:
            started.set()

        runner = WorkerRunner()
        await runner.add_workers(worker)
        running = asyncio.create_task(runner.run())
        await asyncio.wait_for(started.wait(), 10)
        calls = 0

        async def call(name: str, arguments: dict[str, Any]) -> str:
            nonlocal calls
            calls += 1
            await worker.queue_frame(ModelCalls([FunctionCallFromLLM(name, f"call_{calls}", arguments, None)]))
            result = await asyncio.wait_for(results.queue.get(), 30)
            assert (result.function_name, result.tool_call_id, result.error) == (name, f"call_{calls}", None)
            return result.result

        try:
            await conversation.run(call, lambda: restart(voicecart), "pipecat")
            voicecart.kill()
            session.cart_token = "not-a-token"
            voicecart.start()
            refused = json.loads(await call("get_current_order", {}))
            assert refused["error"] == "voicecart_unavailable" and "token_invalid" in refused["message"]
        finally:
            await worker.queue_frame(EndFrame())
            await asyncio.wait_for(running, 30)
            await endpoint.aclose()

    asyncio.run(main())
