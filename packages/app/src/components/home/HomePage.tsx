import { Content, Header, Page } from '@backstage/core-components';
import { HomePageStarredEntities, WelcomeTitle } from '@backstage/plugin-home';
import Grid from '@material-ui/core/Grid';
import {
  HomePageMyActionItemsCard,
  HomePageMyShiftsCard,
} from '@reliability-hub/plugin-reliability';

/** The portal's home page: what the signed-in person owes and when they are on call. */
export const homePage = (
  <Page themeId="home">
    <Header
      title={<WelcomeTitle language={['English']} />}
      pageTitleOverride="Home"
    />
    <Content>
      <Grid container spacing={3}>
        {/* Full width: a shift reads in both time zones on one line. */}
        <Grid item xs={12}>
          <HomePageMyShiftsCard />
        </Grid>
        <Grid item xs={12} md={6}>
          <HomePageMyActionItemsCard />
        </Grid>
        <Grid item xs={12} md={6}>
          <HomePageStarredEntities />
        </Grid>
      </Grid>
    </Content>
  </Page>
);
