import { ReliabilityApi } from '../api';

/** A failed API call as `ResponseError.fromResponse` makes it. */
export function responseError(statusCode: number, message: string) {
  return Object.assign(new Error(`Request failed with ${statusCode}`), {
    name: 'ResponseError',
    statusCode,
    body: { error: { name: 'Error', message } },
  });
}

/** A {@link ReliabilityApi} whose every method is a jest mock. */
export function mockReliabilityApi() {
  const mock = <K extends keyof ReliabilityApi>() =>
    jest.fn<ReturnType<ReliabilityApi[K]>, Parameters<ReliabilityApi[K]>>();
  return {
    getEntitySummary: mock<'getEntitySummary'>(),
    listIncidents: mock<'listIncidents'>(),
    getSeverityLevels: mock<'getSeverityLevels'>(),
    getIncident: mock<'getIncident'>(),
    createIncident: mock<'createIncident'>(),
    updateIncident: mock<'updateIncident'>(),
    addIncidentNote: mock<'addIncidentNote'>(),
    acknowledgeIncident: mock<'acknowledgeIncident'>(),
    escalateIncident: mock<'escalateIncident'>(),
    postIncidentUpdate: mock<'postIncidentUpdate'>(),
    getIncidentTemplates: mock<'getIncidentTemplates'>(),
    listPostmortems: mock<'listPostmortems'>(),
    getPostmortem: mock<'getPostmortem'>(),
    createPostmortem: mock<'createPostmortem'>(),
    updatePostmortem: mock<'updatePostmortem'>(),
    approvePostmortem: mock<'approvePostmortem'>(),
    discardPostmortem: mock<'discardPostmortem'>(),
    listActionItems: mock<'listActionItems'>(),
    createActionItem: mock<'createActionItem'>(),
    updateActionItem: mock<'updateActionItem'>(),
    getOnCall: mock<'getOnCall'>(),
    listSchedules: mock<'listSchedules'>(),
    getSchedule: mock<'getSchedule'>(),
    addScheduleOverride: mock<'addScheduleOverride'>(),
    removeScheduleOverride: mock<'removeScheduleOverride'>(),
    createSchedule: mock<'createSchedule'>(),
    updateSchedule: mock<'updateSchedule'>(),
    exportSchedule: mock<'exportSchedule'>(),
    importSchedule: mock<'importSchedule'>(),
    deleteSchedule: mock<'deleteSchedule'>(),
    getScheduleFeed: mock<'getScheduleFeed'>(),
    createScheduleFeedToken: mock<'createScheduleFeedToken'>(),
    getMyFeed: mock<'getMyFeed'>(),
    rotateMyFeed: mock<'rotateMyFeed'>(),
    getScheduleHealth: mock<'getScheduleHealth'>(),
    getEntitySlos: mock<'getEntitySlos'>(),
    getSloPrometheusRules: mock<'getSloPrometheusRules'>(),
    getSloHistory: mock<'getSloHistory'>(),
    getSloOverview: mock<'getSloOverview'>(),
    getReview: mock<'getReview'>(),
    getTimeline: mock<'getTimeline'>(),
    refreshSlos: mock<'refreshSlos'>(),
    getEntityRunbooks: mock<'getEntityRunbooks'>(),
    searchRunbooks: mock<'searchRunbooks'>(),
    getRunbook: mock<'getRunbook'>(),
    getRunbooksForAlert: mock<'getRunbooksForAlert'>(),
    refreshRunbooks: mock<'refreshRunbooks'>(),
    requestSwap: mock<'requestSwap'>(),
    // Nothing open and no notes unless a test says otherwise: the On-call
    // page and card ask for them beside everything else.
    listSwaps: mock<'listSwaps'>().mockResolvedValue({
      incoming: [],
      outgoing: [],
    }),
    answerSwap: mock<'answerSwap'>(),
    getHandoffNotes: mock<'getHandoffNotes'>().mockResolvedValue({
      notes: [],
    }),
    getHandoff: mock<'getHandoff'>(),
    saveHandoffNote: mock<'saveHandoffNote'>(),
  } satisfies ReliabilityApi;
}
