"""Python ``logging`` routed into the QGIS message log, under the plugin's own tab."""

from __future__ import annotations

import logging

from qgis.core import Qgis, QgsMessageLog

LOGGER_NAME = "rifa_zoning"
TAB = "RIFA Zoning"

_LEVELS = {
    logging.DEBUG: Qgis.MessageLevel.Info,
    logging.INFO: Qgis.MessageLevel.Info,
    logging.WARNING: Qgis.MessageLevel.Warning,
    logging.ERROR: Qgis.MessageLevel.Critical,
    logging.CRITICAL: Qgis.MessageLevel.Critical,
}


class QgsMessageLogHandler(logging.Handler):
    def emit(self, record: logging.LogRecord) -> None:
        try:
            QgsMessageLog.logMessage(self.format(record), TAB, _LEVELS.get(record.levelno, Qgis.MessageLevel.Info), notifyUser=False)
        except Exception:  # logging must never break the plugin
            self.handleError(record)


def setup_logger() -> logging.Logger:
    """The plugin logger, with exactly one QGIS handler however often it is called."""
    logger = logging.getLogger(LOGGER_NAME)
    if not any(isinstance(h, QgsMessageLogHandler) for h in logger.handlers):
        logger.addHandler(QgsMessageLogHandler())
    logger.setLevel(logging.INFO)
    return logger


def teardown_logger() -> None:
    logger = logging.getLogger(LOGGER_NAME)
    for handler in [h for h in logger.handlers if isinstance(h, QgsMessageLogHandler)]:
        logger.removeHandler(handler)


logger = logging.getLogger(LOGGER_NAME)
