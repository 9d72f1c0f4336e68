"""The figures page: the location's numbers today or this month, big and in plain words, and
four charts (requests by how they were made, how kiosk visits ended, ratings, how help
requests ended), each with its numbers in words beside it. The page scrolls under a finger;
the charts take no input.

A thin view: it draws a :class:`~staffdesk.figures.summary.FiguresSummary` and says what
the greeter asked for; :class:`~staffdesk.figures.presenter.FiguresPresenter` fetches."""

from __future__ import annotations

from PySide6.QtCharts import (
    QAbstractBarSeries,
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QPieSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from shared.ui.theme import STANDARD
from shared.ui.touch import make_touch_scrollable
from shared.ui.widgets import button, label
from staffdesk.figures.summary import PERIOD_NAMES, Chart, FiguresSummary, Period

# The charts' words: the desk's detail size, in its text colour on its page.
CHART_TEXT_PX = 18
BAR_HEIGHT_PX = 48
# Each rating its own colour, and its name and count on its slice: never colour alone.
RATING_COLOURS = {"Good": STANDARD.primary, "Average": STANDARD.link, "Poor": STANDARD.error}
COLUMNS = 3


def _font(*, bold: bool = False) -> QFont:
    font = QFont()
    font.setPixelSize(CHART_TEXT_PX)
    font.setBold(bold)
    return font


class ChartView(QChartView):
    """One chart, drawn in the desk's colours, named and described for a screen reader. It
    takes no touches: a finger on it drags the page."""

    def __init__(self, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"chart-{key}")
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setBackgroundBrush(QBrush(QColor(STANDARD.background)))
        self.series: QHorizontalBarSeries | QPieSeries | None = None

    def draw(self, chart: Chart) -> None:
        drawn = QChart()
        drawn.setBackgroundBrush(QBrush(QColor(STANDARD.background)))
        drawn.setMargins(QMargins(0, 0, 0, 0))
        drawn.setBackgroundRoundness(0)
        drawn.layout().setContentsMargins(0, 0, 0, 0)
        drawn.legend().hide()
        drawn.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        bars = [(name, count) for name, count in chart.bars if count]
        if chart.key == "ratings":
            self.series = self._pie(drawn, bars)
            height = 260
        else:
            self.series = self._bars(drawn, bars)
            height = 40 + BAR_HEIGHT_PX * max(len(bars), 1)
        self.setChart(drawn)
        self.setFixedHeight(height)
        self.setAccessibleName(f"Chart: {chart.title}")
        self.setAccessibleDescription(chart.describe())
        self.setVisible(bool(bars))

    @staticmethod
    def _bars(drawn: QChart, bars: list[tuple[str, int]]) -> QHorizontalBarSeries:
        series = QHorizontalBarSeries()
        counts = QBarSet("Number")
        counts.setColor(QColor(STANDARD.primary))
        counts.setBorderColor(QColor(STANDARD.primary))
        counts.setLabelColor(QColor(STANDARD.text))
        counts.setLabelFont(_font(bold=True))
        # The first bar at the top: a horizontal chart counts its categories upwards.
        for _, count in reversed(bars):
            counts.append(count)
        series.append(counts)
        series.setLabelsVisible(True)
        series.setLabelsPosition(QAbstractBarSeries.LabelsPosition.LabelsOutsideEnd)
        series.setLabelsPrecision(6)
        series.setBarWidth(0.7)
        drawn.addSeries(series)
        names = QBarCategoryAxis()
        names.append([name for name, _ in reversed(bars)])
        names.setLabelsFont(_font())
        names.setLabelsColor(QColor(STANDARD.text))
        names.setGridLineVisible(False)
        names.setLinePen(QPen(QColor(STANDARD.border)))
        drawn.addAxis(names, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(names)
        scale = QValueAxis()
        # Room beyond the longest bar for its number.
        scale.setRange(0, max((count for _, count in bars), default=1) * 1.25 + 0.5)
        scale.setVisible(False)
        scale.setGridLineVisible(False)
        drawn.addAxis(scale, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(scale)
        return series

    @staticmethod
    def _pie(drawn: QChart, bars: list[tuple[str, int]]) -> QPieSeries:
        series = QPieSeries()
        series.setPieSize(0.6)
        for name, count in bars:
            piece = series.append(f"{name}: {count}", count)
            piece.setColor(QColor(RATING_COLOURS.get(name, STANDARD.border)))
            piece.setBorderColor(QColor(STANDARD.background))
            piece.setBorderWidth(2)
            piece.setLabelVisible(True)
            piece.setLabelFont(_font(bold=True))
            piece.setLabelColor(QColor(STANDARD.text))
            piece.setLabelArmLengthFactor(0.12)
            piece.setLabelPosition(piece.LabelPosition.LabelOutside)
        drawn.addSeries(series)
        return series

    def values(self) -> list[tuple[str, int]]:
        """What the chart draws, top to bottom (tests)."""
        if isinstance(self.series, QPieSeries):
            return [(s.label().split(":")[0], round(s.value())) for s in self.series.slices()]
        if isinstance(self.series, QHorizontalBarSeries):
            axis = next(a for a in self.series.attachedAxes() if isinstance(a, QBarCategoryAxis))
            counts = self.series.barSets()[0]
            pairs = [(axis.at(i), round(counts.at(i))) for i in range(counts.count())]
            return pairs[::-1]
        return []


class ChartCard(QFrame):
    """A chart's title, its numbers in words (its text alternative), and the chart."""

    def __init__(self, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"figures-{key}")
        self.setProperty("frameRole", "card")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.setSpacing(8)
        self.title = label("", "cardTitle")
        layout.addWidget(self.title)
        self.chart = ChartView(key)
        layout.addWidget(self.chart)
        self.words = label("", "detail")
        self.words.setObjectName(f"figures-{key}-words")
        layout.addWidget(self.words)

    def draw(self, chart: Chart) -> None:
        self.title.setText(chart.title)
        shown = [f"{name}: {count}" for name, count in chart.bars if count]
        self.words.setText(" · ".join(shown) if shown else chart.empty)
        self.chart.draw(chart)


class FigureCard(QFrame):
    def __init__(self, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"figure-{key}")
        self.setProperty("frameRole", "card")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(2)
        self.name = label("", "detailStrong")
        self.value = label("", "figureValue")
        self.value.setObjectName(f"figure-{key}-value")
        self.note = label("", "detail")
        layout.addWidget(self.name)
        layout.addWidget(self.value)
        layout.addWidget(self.note)
        layout.addStretch(1)


class FiguresView(QWidget):
    period_chosen = Signal(str)
    refresh_requested = Signal()
    back_requested = Signal()

    FIGURES = (
        "visits",
        "requests",
        "helped",
        "self-served",
        "help-requests",
        "wait",
        "good",
        "average",
        "poor",
    )
    CHARTS = ("channels", "visits", "ratings", "outcomes")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("figuresPage")
        self._build()
        self._connect_signals()

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(16, 16, 16, 16)
        outer.setSpacing(12)
        header = QHBoxLayout()
        self.heading = label("Figures", "deskTitle")
        header.addWidget(self.heading, 1)
        self.back_button = button("Back to the board", "primary")
        self.back_button.setObjectName("figuresBack")
        header.addWidget(self.back_button)
        outer.addLayout(header)

        choices = QHBoxLayout()
        choices.setSpacing(8)
        self.period_buttons: dict[Period, QPushButton] = {}
        self._group = QButtonGroup(self)
        self._group.setExclusive(True)
        for period in Period:
            name = PERIOD_NAMES[period]
            chosen = button(name, "period", f"Show {name.lower()}'s figures")
            chosen.setObjectName(f"figures-{period.value}")
            chosen.setCheckable(True)
            self._group.addButton(chosen)
            self.period_buttons[period] = chosen
            choices.addWidget(chosen)
        self.period_buttons[Period.MONTH].setAccessibleName("Show this month's figures")
        choices.addStretch(1)
        self.refresh_button = button("Refresh", "secondary", "Refresh the figures")
        self.refresh_button.setObjectName("figuresRefresh")
        choices.addWidget(self.refresh_button)
        outer.addLayout(choices)

        self.status = label("", "detailStrong")
        self.status.setObjectName("figuresStatus")
        # At the top, where the figures would be, when nothing is below it.
        self.status.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.retry_button = button("Try again", "primary", "Try loading the figures again")
        self.retry_button.setObjectName("figuresRetry")
        status_row = QHBoxLayout()
        status_row.addWidget(self.status, 1, Qt.AlignmentFlag.AlignTop)
        status_row.addWidget(self.retry_button, 0, Qt.AlignmentFlag.AlignTop)
        outer.addLayout(status_row)
        outer.addWidget(self._build_body(), 1)
        self.show_loading()

    def _build_body(self) -> QScrollArea:
        self.scroll_area = QScrollArea()
        self.scroll_area.setObjectName("figuresScroll")
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        make_touch_scrollable(self.scroll_area)
        self.body = QWidget()
        self.body.setObjectName("figuresBody")
        column = QVBoxLayout(self.body)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(12)
        self.period_title = label("", "sectionTitle")
        self.period_title.setObjectName("figuresPeriod")
        column.addWidget(self.period_title)
        grid = QGridLayout()
        grid.setSpacing(12)
        self.figures: dict[str, FigureCard] = {}
        for index, key in enumerate(self.FIGURES):
            card = self.figures[key] = FigureCard(key)
            grid.addWidget(card, index // COLUMNS, index % COLUMNS)
        for col in range(COLUMNS):
            grid.setColumnStretch(col, 1)
        column.addLayout(grid)
        self.charts: dict[str, ChartCard] = {}
        for key in self.CHARTS:
            self.charts[key] = ChartCard(key)
            column.addWidget(self.charts[key])
        self.updated = label("", "note")
        self.updated.setObjectName("figuresUpdated")
        column.addWidget(self.updated)
        column.addStretch(1)
        self.scroll_area.setWidget(self.body)
        return self.scroll_area

    def _connect_signals(self) -> None:
        self.back_button.clicked.connect(self.back_requested)
        self.refresh_button.clicked.connect(self.refresh_requested)
        self.retry_button.clicked.connect(self.refresh_requested)
        for period, chosen in self.period_buttons.items():
            chosen.clicked.connect(lambda _=False, p=period: self.period_chosen.emit(p.value))

    # Showing ----------------------------------------------------------------------------

    def set_period(self, period: Period) -> None:
        self.period_buttons[period].setChecked(True)

    def show_loading(self, text: str = "Loading the figures…") -> None:
        self.status.setText(text)
        self.status.show()
        self.retry_button.hide()
        self.scroll_area.hide()

    def show_failed(self, text: str) -> None:
        self.status.setText(text)
        self.status.show()
        self.retry_button.show()
        self.scroll_area.hide()

    def show_summary(self, summary: FiguresSummary, updated: str) -> None:
        self.period_title.setText(summary.title)
        for figure in summary.figures:
            card = self.figures[figure.key]
            card.name.setText(figure.label)
            card.value.setText(figure.value)
            card.value.setAccessibleName(f"{figure.label}: {figure.value}")
            card.note.setText(figure.note)
            card.note.setVisible(bool(figure.note))
        for chart in summary.charts:
            self.charts[chart.key].draw(chart)
        self.updated.setText(updated)
        self.status.hide()
        self.retry_button.hide()
        self.scroll_area.show()

    def primary_widget(self) -> QWidget:
        return self.back_button

    def value(self, key: str) -> str:
        """A big number as shown (tests)."""
        shown: QLabel = self.figures[key].value
        return shown.text()
