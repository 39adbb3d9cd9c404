import { lazy, Suspense } from "react";
import { Navigate, type RouteObject } from "react-router";
import { MapPage } from "./pages/MapPage";

// The map is the first page and ships in the entry chunk; every other page loads when first visited.
const CountryPage = lazy(() => import("./pages/CountryPage"));
const MissionsPage = lazy(() => import("./pages/MissionsPage"));
const MissionPage = lazy(() => import("./pages/MissionPage"));
const EventsPage = lazy(() => import("./pages/EventsPage"));
const PracticesPage = lazy(() => import("./pages/PracticesPage"));
const WritePage = lazy(() => import("./pages/WritePage"));
const PartnerPage = lazy(() => import("./pages/PartnerPage"));
const SignInPage = lazy(() => import("./pages/SignInPage"));

function page(element: React.ReactNode) {
  return (
    <Suspense
      fallback={
        <p className="loading">
          <progress aria-label="Loading" />
        </p>
      }
    >
      {element}
    </Suspense>
  );
}

export const routes: RouteObject[] = [
  { index: true, element: <Navigate to="/map" replace /> },
  { path: "map", element: <MapPage /> },
  { path: "countries/:code", element: page(<CountryPage />) },
  { path: "missions", element: page(<MissionsPage />) },
  { path: "missions/:acronym", element: page(<MissionPage />) },
  { path: "events", element: page(<EventsPage />) },
  { path: "events/:code", element: page(<EventsPage />) },
  { path: "practices", element: page(<PracticesPage />) },
  { path: "write", element: page(<WritePage />) },
  { path: "partner", element: page(<PartnerPage />) },
  { path: "sign-in", element: page(<SignInPage />) },
  { path: "*", element: <Navigate to="/map" replace /> },
];
