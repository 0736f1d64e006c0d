import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import type {
  IncidentTemplateName,
  PostIncidentUpdateRequest,
  AcknowledgeIncidentRequest,
  EscalateIncidentRequest,
  ActionItem,
  ActionItemListRequest,
  AddScheduleOverrideRequest,
  CreateActionItemRequest,
  CreateIncidentRequest,
  ApprovePostmortemRequest,
  CreatePostmortemRequest,
  EntityReliabilitySummary,
  EntityRunbooks,
  EntitySlos,
  FeedTokenResponse,
  Incident,
  IncidentDetail,
  IncidentListRequest,
  IncidentNoteRequest,
  OnCallNow,
  OnCallRequest,
  Page,
  Postmortem,
  PostmortemDetail,
  PostmortemListRequest,
  RunbookDetail,
  RunbookLibraryPage,
  RunbookLibraryRequest,
  RunbooksForAlert,
  RunbooksForAlertRequest,
  OnCallHealthRequest,
  ScheduleHealth,
  ScheduleRecord,
  ScheduleRequest,
  UpdateScheduleRequest,
  SeverityLevel,
  SloHistory,
  SloHistoryRequest,
  SloOverview,
  SloOverviewRequest,
  UpdateActionItemRequest,
  UpdateIncidentRequest,
  UpdatePostmortemRequest,
  ReliabilityReview,
  ReliabilityTimeline,
  ReviewRequest,
  TimelineRequest,
  ScheduleFeedResponse,
  CreateSwapRequest,
  SwapRequest,
  SwapRequestList,
  HandoffNote,
  HandoffNoteList,
  HandoffNoteRequest,
  HandoffNotesRequest,
  ShiftHandoff,
} from '@reliability-hub/plugin-reliability-common';
import { CalendarFeed, ReliabilityApi } from './ReliabilityApi';

/**
 * A query as the request types of the API have it: lists go comma-separated,
 * numbers and flags as text, what is unset not at all.
 */
type Query = Record<string, string | string[] | number | boolean | undefined>;

/**
 * {@link ReliabilityApi} over HTTP, with the signed-in user's token.
 *
 * @public
 */
export class ReliabilityClient implements ReliabilityApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;
  private severityLevels?: Promise<SeverityLevel[]>;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  async getEntitySummary(entityRef: string): Promise<EntityReliabilitySummary> {
    return this.get('/entity-summary', { entityRef });
  }

  async listIncidents(request: IncidentListRequest): Promise<Page<Incident>> {
    return this.get('/incidents', request);
  }

  async getSeverityLevels(): Promise<SeverityLevel[]> {
    // Every clock chip of a list asks: the levels change only with the
    // backend's configuration, so one answer serves the page.
    this.severityLevels ??= this.get<SeverityLevel[]>('/severities').catch(
      error => {
        this.severityLevels = undefined;
        throw error;
      },
    );
    return this.severityLevels;
  }

  async getIncident(id: string): Promise<IncidentDetail> {
    return this.get(`/incidents/${encodeURIComponent(id)}`);
  }

  async createIncident(request: CreateIncidentRequest): Promise<Incident> {
    return this.send('POST', '/incidents', request);
  }

  async updateIncident(
    id: string,
    request: UpdateIncidentRequest,
  ): Promise<Incident> {
    return this.send('PATCH', `/incidents/${encodeURIComponent(id)}`, request);
  }

  async postIncidentUpdate(
    id: string,
    request: PostIncidentUpdateRequest,
  ): Promise<Incident> {
    return this.send(
      'POST',
      `/incidents/${encodeURIComponent(id)}/updates`,
      request,
    );
  }

  async getIncidentTemplates(): Promise<Record<IncidentTemplateName, string>> {
    return this.get('/incident-templates');
  }

  async acknowledgeIncident(id: string, version: number): Promise<Incident> {
    const body: AcknowledgeIncidentRequest = { version };
    return this.send(
      'POST',
      `/incidents/${encodeURIComponent(id)}/acknowledge`,
      body,
    );
  }

  async escalateIncident(id: string, version: number): Promise<Incident> {
    const body: EscalateIncidentRequest = { version };
    return this.send(
      'POST',
      `/incidents/${encodeURIComponent(id)}/escalate`,
      body,
    );
  }

  async addIncidentNote(id: string, message: string): Promise<IncidentDetail> {
    const note: IncidentNoteRequest = { message };
    return this.send(
      'POST',
      `/incidents/${encodeURIComponent(id)}/notes`,
      note,
    );
  }

  async listPostmortems(
    request: PostmortemListRequest,
  ): Promise<Page<Postmortem>> {
    return this.get('/postmortems', request);
  }

  async getPostmortem(id: string): Promise<PostmortemDetail> {
    return this.get(`/postmortems/${encodeURIComponent(id)}`);
  }

  async createPostmortem(
    request: CreatePostmortemRequest,
  ): Promise<Postmortem> {
    return this.send('POST', '/postmortems', request);
  }

  async updatePostmortem(
    id: string,
    request: UpdatePostmortemRequest,
  ): Promise<Postmortem> {
    return this.send(
      'PATCH',
      `/postmortems/${encodeURIComponent(id)}`,
      request,
    );
  }

  async approvePostmortem(
    id: string,
    request: ApprovePostmortemRequest,
  ): Promise<Postmortem> {
    return this.send(
      'POST',
      `/postmortems/${encodeURIComponent(id)}/approve`,
      request,
    );
  }

  async discardPostmortem(id: string, version: number): Promise<void> {
    await this.request<void>(
      `/postmortems/${encodeURIComponent(id)}?version=${version}`,
      { method: 'DELETE' },
    );
  }

  async listActionItems(
    request: ActionItemListRequest,
  ): Promise<Page<ActionItem>> {
    return this.get('/action-items', request);
  }

  async createActionItem(
    postmortemId: string,
    request: CreateActionItemRequest,
  ): Promise<ActionItem> {
    return this.send(
      'POST',
      `/postmortems/${encodeURIComponent(postmortemId)}/action-items`,
      request,
    );
  }

  async updateActionItem(
    id: string,
    request: UpdateActionItemRequest,
  ): Promise<ActionItem> {
    return this.send(
      'PATCH',
      `/action-items/${encodeURIComponent(id)}`,
      request,
    );
  }

  async getOnCall(request: OnCallRequest = {}): Promise<OnCallNow> {
    return this.get('/oncall', request);
  }

  async listSchedules(): Promise<ScheduleRecord[]> {
    return this.get('/schedules');
  }

  async getSchedule(id: string): Promise<ScheduleRecord> {
    return this.get(`/schedules/${encodeURIComponent(id)}`);
  }

  async addScheduleOverride(
    scheduleId: string,
    request: AddScheduleOverrideRequest,
  ): Promise<ScheduleRecord> {
    return this.send(
      'POST',
      `/schedules/${encodeURIComponent(scheduleId)}/overrides`,
      request,
    );
  }

  async removeScheduleOverride(
    scheduleId: string,
    overrideId: string,
    version: number,
  ): Promise<ScheduleRecord> {
    const path = `/schedules/${encodeURIComponent(
      scheduleId,
    )}/overrides/${encodeURIComponent(overrideId)}?version=${version}`;
    return this.request(path, { method: 'DELETE' });
  }

  async createSchedule(request: ScheduleRequest): Promise<ScheduleRecord> {
    return this.send('POST', '/schedules', request);
  }

  async updateSchedule(
    scheduleId: string,
    request: UpdateScheduleRequest,
  ): Promise<ScheduleRecord> {
    return this.send(
      'PUT',
      `/schedules/${encodeURIComponent(scheduleId)}`,
      request,
    );
  }

  async exportSchedule(scheduleId: string): Promise<string> {
    const baseUrl = await this.discoveryApi.getBaseUrl('reliability');
    const response = await this.fetchApi.fetch(
      `${baseUrl}/schedules/${encodeURIComponent(scheduleId)}/export`,
    );
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return response.text();
  }

  async importSchedule(yaml: string): Promise<ScheduleRecord> {
    return this.request('/schedules/import', {
      method: 'POST',
      headers: { 'Content-Type': 'application/yaml' },
      body: yaml,
    });
  }

  async deleteSchedule(scheduleId: string, version: number): Promise<void> {
    await this.request<void>(
      `/schedules/${encodeURIComponent(scheduleId)}?version=${version}`,
      { method: 'DELETE' },
    );
  }

  async getScheduleFeed(scheduleId: string): Promise<CalendarFeed> {
    const answer = await this.request<ScheduleFeedResponse>(
      `/schedules/${encodeURIComponent(scheduleId)}/feed`,
    );
    return { url: await this.feedUrl(answer.path), holders: answer.holders };
  }

  async createScheduleFeedToken(scheduleId: string): Promise<CalendarFeed> {
    const answer = await this.send<ScheduleFeedResponse>(
      'POST',
      `/schedules/${encodeURIComponent(scheduleId)}/feed-token`,
      {},
    );
    return { url: await this.feedUrl(answer.path), holders: answer.holders };
  }

  async getMyFeed(): Promise<CalendarFeed> {
    const { path } = await this.request<FeedTokenResponse>('/feed-token/me');
    return { url: await this.feedUrl(path) };
  }

  async rotateMyFeed(): Promise<CalendarFeed> {
    const { path } = await this.send<FeedTokenResponse>(
      'POST',
      '/feed-token/me',
      {},
    );
    return { url: await this.feedUrl(path) };
  }

  /**
   * The backend answers a path below its own base URL; calendar apps need
   * the whole address.
   */
  private async feedUrl(path: string): Promise<string> {
    if (/^https?:\/\//.test(path)) {
      return path;
    }
    const baseUrl = await this.discoveryApi.getBaseUrl('reliability');
    return `${baseUrl}${path.startsWith('/') ? '' : '/'}${path}`;
  }

  async getScheduleHealth(
    scheduleId: string,
    request: OnCallHealthRequest = {},
  ): Promise<ScheduleHealth> {
    return this.get(
      `/schedules/${encodeURIComponent(scheduleId)}/health`,
      request,
    );
  }

  async getEntitySlos(entityRef: string): Promise<EntitySlos> {
    return this.get('/slos', { entityRef });
  }

  async getSloPrometheusRules(
    entityRef: string,
    options: { sloName?: string; format?: 'prometheus' | 'operator' } = {},
  ): Promise<string> {
    const params = new URLSearchParams({ entityRef });
    if (options.sloName) {
      params.set('sloName', options.sloName);
    }
    if (options.format) {
      params.set('format', options.format);
    }
    const baseUrl = await this.discoveryApi.getBaseUrl('reliability');
    const response = await this.fetchApi.fetch(
      `${baseUrl}/slos/prometheus-rules?${params}`,
    );
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return response.text();
  }

  async getSloHistory(
    id: string,
    request: SloHistoryRequest = {},
  ): Promise<SloHistory> {
    return this.get(`/slos/${encodeURIComponent(id)}/history`, request);
  }

  async getSloOverview(request: SloOverviewRequest = {}): Promise<SloOverview> {
    return this.get('/slos/overview', request);
  }

  async getReview(request: ReviewRequest = {}): Promise<ReliabilityReview> {
    return this.get('/review', request);
  }

  async getTimeline(request: TimelineRequest): Promise<ReliabilityTimeline> {
    return this.get('/timeline', request);
  }

  async refreshSlos(entityRef: string): Promise<EntitySlos> {
    return this.send(
      'POST',
      `/slos/refresh?${new URLSearchParams({ entityRef })}`,
      {},
    );
  }

  async getEntityRunbooks(entityRef: string): Promise<EntityRunbooks> {
    return this.get('/runbooks', { entityRef });
  }

  async searchRunbooks(
    request: RunbookLibraryRequest = {},
  ): Promise<RunbookLibraryPage> {
    return this.get('/runbooks/library', request);
  }

  async getRunbook(id: string): Promise<RunbookDetail> {
    return this.get(`/runbooks/${encodeURIComponent(id)}`);
  }

  async getRunbooksForAlert(
    alertname: string,
    request: RunbooksForAlertRequest = {},
  ): Promise<RunbooksForAlert> {
    return this.get(
      `/runbooks/by-alert/${encodeURIComponent(alertname)}`,
      request,
    );
  }

  async refreshRunbooks(entityRef: string): Promise<EntityRunbooks> {
    return this.send(
      'POST',
      `/runbooks/refresh?${new URLSearchParams({ entityRef })}`,
      {},
    );
  }

  async requestSwap(
    scheduleId: string,
    request: CreateSwapRequest,
  ): Promise<SwapRequest> {
    return this.send(
      'POST',
      `/schedules/${encodeURIComponent(scheduleId)}/swaps`,
      request,
    );
  }

  async listSwaps(): Promise<SwapRequestList> {
    return this.get('/swaps');
  }

  async answerSwap(
    swapId: string,
    answer: 'accept' | 'decline' | 'cancel',
    version: number,
  ): Promise<SwapRequest> {
    return this.send('POST', `/swaps/${encodeURIComponent(swapId)}/${answer}`, {
      version,
    });
  }

  async getHandoffNotes(
    request: HandoffNotesRequest,
  ): Promise<HandoffNoteList> {
    return this.get('/handoff-notes', { ...request });
  }

  async getHandoff(scheduleId: string, at: string): Promise<ShiftHandoff> {
    return this.get(`/schedules/${encodeURIComponent(scheduleId)}/handoff`, {
      at,
    });
  }

  async saveHandoffNote(
    scheduleId: string,
    request: HandoffNoteRequest,
  ): Promise<HandoffNote> {
    return this.send(
      'PUT',
      `/schedules/${encodeURIComponent(scheduleId)}/handoff-note`,
      request,
    );
  }

  private async get<T>(path: string, query: Query = {}): Promise<T> {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      const text = Array.isArray(value) ? value.join(',') : value?.toString();
      if (text !== undefined && text !== '') {
        params.set(key, text);
      }
    }
    const search = params.toString();
    return this.request(`${path}${search ? `?${search}` : ''}`);
  }

  private async send<T>(
    method: 'POST' | 'PUT' | 'PATCH',
    path: string,
    body: unknown,
  ): Promise<T> {
    return this.request(path, {
      method,
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
  }

  private async request<T>(path: string, init?: RequestInit): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl('reliability');
    const response = init
      ? await this.fetchApi.fetch(`${baseUrl}${path}`, init)
      : await this.fetchApi.fetch(`${baseUrl}${path}`);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    if (response.status === 204) {
      return undefined as T;
    }
    return (await response.json()) as T;
  }
}
