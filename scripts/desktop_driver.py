"""Runs inside QGIS desktop (``--code``, see ``scripts/qgis_desktop.py``): the technician's whole
chain in the "Outbreak response" dock on the Putian sample data, as a person would do it.

It loads the sample layers, saves the project, picks the case's layers in the dock, reads the
fields the dock guessed and the grade badge, then presses each step's button, reads the values the
opened dialog holds, types what only a person knows (order number, authority, date) for the map,
presses Run and waits until the dialog closes. What it saw goes to a JSON report: the fields, the
badge, each dialog's parameters, the layers in the project, the message bar's texts, the print
layouts; a screenshot can be grabbed at the end. This file is a template: ``{settings}`` is
replaced by a JSON object (data, project, report, screenshot, steps).
"""

import json
import os
import traceback

from qgis.core import QgsProcessingContext, QgsProcessingOutputLayerDefinition, QgsProject, QgsVectorLayer
from qgis.PyQt.QtCore import QTimer
from qgis.PyQt.QtWidgets import QApplication, QDockWidget, QMessageBox, QPushButton, QWidget
from qgis.utils import iface, plugins

SETTINGS = json.loads(r'''{settings}''')
report = {"steps": {}, "modal": [], "errors": []}
window = iface.mainWindow()
window.setGeometry(0, 0, SETTINGS["width"], SETTINGS["height"])  # Xvfb has no window manager


def finish():
    try:
        shot = SETTINGS.get("screenshot")
        if shot:
            report["screenshot"] = window.grab().save(shot)
    finally:
        with open(SETTINGS["report"], "w", encoding="utf-8") as handle:
            json.dump(report, handle, ensure_ascii=False, indent=1, default=str)
        os._exit(0)  # no "save changes?" questions


def plain(value):
    """A dialog's parameter value as JSON: layers by name, outputs by their destination."""
    if isinstance(value, QgsProcessingOutputLayerDefinition):
        return str(value.sink.staticValue())
    if isinstance(value, list):
        return [plain(v) for v in value]
    layer = QgsProject.instance().mapLayer(value) if isinstance(value, str) else None
    if layer is not None:
        return "layer:" + layer.name()
    for layer in QgsProject.instance().mapLayers().values():
        if isinstance(value, str) and value and layer.source() == value:
            return "layer:" + layer.name()
    return value


def message_texts():
    texts = []
    for item in iface.messageBar().items():
        texts.append(" ".join(t for t in (item.title(), item.text()) if t))
    return texts


def chain():
    while plugins.get("rifa_zoning") is None or getattr(plugins["rifa_zoning"], "response_dock", None) is None:
        yield
    dock = plugins["rifa_zoning"].response_dock
    for name in ("Browser", "Browser2"):  # more room for the map
        browser = window.findChild(QDockWidget, name)
        if browser is not None:
            browser.hide()
    dock.show()
    dock.raise_()
    project = QgsProject.instance()
    layers = {}
    for name, title in SETTINGS["layers"].items():
        layer = QgsVectorLayer(f"{SETTINGS['data']}|layername={name}", title, "ogr")
        layers[name] = layer
    project.addMapLayers(list(layers.values()))
    project.write(SETTINGS["project"])
    yield
    report["dock_width"] = dock.width()
    report["dock_horizontal_scroll"] = dock.widget().horizontalScrollBar().isVisible()
    pick = SETTINGS["pick"]
    for combo_name, layer_name in pick["single"].items():
        getattr(dock, combo_name).setLayer(layers[layer_name])
    dock.set_barriers([layers[name] for name in pick["barriers"]])
    for _ in range(5):  # the grade follows after a debounce
        yield
    report["fields"] = {role: combo.currentField() for role, combo in dock.field_combos.items()}
    report["badge"] = dock.badge.text()
    report["rule"] = dock.rule_label.text()
    report["counts"] = dock.counts_label.text()
    report["t0"] = dock.t0_edit.text()
    report["checklist_rows"] = dock.table.rowCount()
    for key in SETTINGS["steps"]:
        step = {}
        report["steps"][key] = step
        step["button"] = dock.step_buttons[key].text()
        iface.messageBar().clearWidgets()
        dock.step_buttons[key].click()
        yield
        dialog = dock.dialogs.get(key)
        if dialog is None:
            step["error"] = "no dialog"
            continue
        step["dialog_size"] = [dialog.width(), dialog.height()]
        step["parameters"] = {k: plain(v) for k, v in dialog.createProcessingParameters().items()}
        typed = SETTINGS.get("typed", {}).get(key, {})
        wrappers = getattr(dialog.mainWidget(), "wrappers", {})
        for name, value in typed.items():  # what only a person knows
            wrappers[name].setParameterValue(value, QgsProcessingContext())
        step["typed"] = typed
        dialog.runButton().click()
        waited = 0
        while key in dock.dialogs and waited < 1200:
            waited += 1
            yield
        step["closed"] = key not in dock.dialogs
        step["status"] = dock.step_labels[key].property("status")
        step["status_text"] = dock.step_labels[key].text()
        step["messages"] = message_texts()
        step["message_buttons"] = [b.text() for item in iface.messageBar().items() for b in item.findChildren(QPushButton)]
    iface.mapCanvas().refreshAllLayers()  # reloads the layers: no step goes stale by it
    for _ in range(4):
        yield
    report["final_status"] = {key: dock.step_status(key) for key in SETTINGS["steps"]}
    report["timeline"] = dock.timeline_rows()
    body, viewport = dock.widget().widget(), dock.widget().viewport()
    report["panel_fits"] = body.width() <= viewport.width()
    report["panel_widths"] = [body.width(), viewport.width(), dock.width()]
    report["too_wide"] = sorted({f"{type(w).__name__} {w.objectName()} {w.minimumSizeHint().width()}"
                                 for w in body.findChildren(QWidget) if w.minimumSizeHint().width() > viewport.width() - 30})
    report["layers"] = sorted(layer.name() for layer in project.mapLayers().values())
    report["labelled"] = sorted(layer.name() for layer in project.mapLayers().values()
                                if isinstance(layer, QgsVectorLayer) and layer.labelsEnabled())
    report["layouts"] = [layout.name() for layout in project.layoutManager().printLayouts()]
    report["legend"] = legend_texts()
    project.write()
    threatened = project.mapLayer(dock.step_output("zoning", "THREATENED_ZONES"))
    if threatened is not None:  # the picture shows all the zones
        dock.zoom_to([threatened])
    dock.widget().ensureWidgetVisible(dock.step_buttons[SETTINGS["steps"][-1]], 0, 200)
    canvas = iface.mapCanvas()
    canvas.refreshAllLayers()
    for _ in range(10):
        yield
    finish()


def legend_texts():
    """The Layers panel's texts (layer names and their legend entries) as the user reads them."""
    view = iface.layerTreeView()
    model = view.layerTreeModel()
    texts = []

    def walk(parent):
        for row in range(model.rowCount(parent)):
            index = model.index(row, 0, parent)
            texts.append(str(model.data(index)))
            walk(index)

    walk(view.rootIndex())
    return texts


def close_modal():
    """A question nobody expects fails the run visibly rather than hanging it."""
    box = QApplication.activeModalWidget()
    if isinstance(box, QMessageBox):
        report["modal"].append(box.text())
        box.reject()


steps = chain()


def tick():
    try:
        next(steps)
    except StopIteration:
        return
    except Exception:  # noqa: BLE001 - reported, then QGIS quits
        report["errors"].append(traceback.format_exc())
        finish()
        return
    QTimer.singleShot(250, tick)


modal_watch = QTimer()
modal_watch.timeout.connect(close_modal)
modal_watch.start(500)
QTimer.singleShot(3000, tick)
QTimer.singleShot(SETTINGS.get("timeout_ms", 280_000), finish)  # never hang
